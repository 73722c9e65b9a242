// TerminalChat: `netra chat` — the dialogs in a terminal, as a channel of its own. Buttons are
// shown as numbered choices; typing the number presses the button.
#pragma once

#include <map>

#include <iosfwd>
#include <string>

#include "dialogs/engine.h"

namespace netra {

struct TerminalChatOptions {
  std::string user_key;   // the pseudonym of this terminal user
  bool reviewer = false;  // --as reviewer
  bool greet = true;      // send /start first
  // The script's texts, for the terminal's own labels (terminal_*); the keys are shown without.
  const std::map<std::string, std::string>* texts = nullptr;
};

// Reads lines from `in` until end of input and prints the replies to `out`.
// Returns OK at end of input; the first storage error otherwise.
Status RunTerminalChat(DialogEngine& engine, std::istream& in, std::ostream& out, const TerminalChatOptions& options);

// How a reply looks in the terminal.
std::string RenderForTerminal(const Reply& reply);

}  // namespace netra
