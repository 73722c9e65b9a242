// Script: the dialogs as data (dialogs/scripts/*.json): states, their messages and buttons, the
// input each accepts, and where each answer leads. See dialogs/README.md.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "base/status.h"
#include "dialogs/message.h"

namespace netra {

// What input a state accepts.
enum class Expect { kNone, kChoice, kText, kDate, kPlace, kEvidence, kCode };

struct StateSpec {
  std::string id;
  std::string say;               // may hold {placeholders}
  std::vector<Button> buttons;
  Expect expect = Expect::kNone;
  int min_length = 1;
  int max_length = 1000;
  int max_items = 10;
  std::string store;             // draft field the input fills
  std::string invalid;           // re-prompt text; "" for the generic one
  std::string action;            // a named C++ action run with the input (or on entry for kNone)
  std::string next;              // default next state
  std::string free_text;         // kChoice: where unmatched text goes ("" = re-prompt)
  std::map<std::string, std::string> on;  // choice id or action outcome -> next state ("edit:" prefix: come back after)
};

struct Script {
  std::map<std::string, StateSpec> states;
  std::map<std::string, std::string> commands;  // "/lapor" -> state
  std::map<std::string, std::string> texts;     // engine texts: timeout, unsupported, group, …

  // Loads and merges every `dir`/scripts/*.json.
  // Returns OK on success; IoError or InvalidArgument naming the file and state otherwise.
  static Status Load(const std::string& dir, Script* script);

  const StateSpec* Find(const std::string& id) const;
};

// Every problem of a script, one line each: unknown states, unreachable states, missing texts,
// dead ends, unknown actions, commands that shadow desk commands. `actions` are the names the
// engine implements; `desk_only_commands` the reviewers' commands no script may define.
std::vector<std::string> LintScript(const Script& script, const std::set<std::string>& actions,
                                    const std::set<std::string>& desk_only_commands = {});

}  // namespace netra
