#include "dialogs/script.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

namespace netra {
namespace {

const std::map<std::string, Expect>& ExpectNames() {
  static const std::map<std::string, Expect> names = {
      {"none", Expect::kNone},   {"choice", Expect::kChoice},     {"text", Expect::kText}, {"date", Expect::kDate},
      {"place", Expect::kPlace}, {"evidence", Expect::kEvidence}, {"code", Expect::kCode}};
  return names;
}

std::string Target(const std::string& next) { return next.rfind("edit:", 0) == 0 ? next.substr(5) : next; }

}  // namespace

Status Script::Load(const std::string& dir, Script* script) {
  namespace fs = std::filesystem;
  std::vector<std::string> files;
  std::error_code ec;
  for (const auto& f : fs::directory_iterator(dir + "/scripts", ec)) {
    if (f.path().extension() == ".json") files.push_back(f.path().string());
  }
  if (ec) return Status::IoError("cannot list " + dir + "/scripts: " + ec.message());
  std::sort(files.begin(), files.end());
  Script s;
  for (const auto& path : files) {
    std::ifstream in(path);
    nlohmann::json doc;
    try {
      doc = nlohmann::json::parse(in);
      const nlohmann::json none = nlohmann::json::object();
      const nlohmann::json& commands = doc.contains("commands") ? doc.at("commands") : none;
      const nlohmann::json& texts = doc.contains("texts") ? doc.at("texts") : none;
      const nlohmann::json& states = doc.contains("states") ? doc.at("states") : none;
      for (auto& [k, v] : commands.items()) s.commands[k] = v.get<std::string>();
      for (auto& [k, v] : texts.items()) s.texts[k] = v.get<std::string>();
      for (auto& [id, j] : states.items()) {
        if (s.states.count(id)) return Status::InvalidArgument(path + ": state " + id + " is defined twice");
        StateSpec st;
        st.id = id;
        st.say = j.value("say", "");
        if (j.contains("buttons")) {
          for (const auto& b : j.at("buttons")) {
            st.buttons.push_back({b.at("id").get<std::string>(), b.at("label").get<std::string>()});
          }
        }
        std::string expect = j.value("expect", "none");
        auto e = ExpectNames().find(expect);
        if (e == ExpectNames().end()) return Status::InvalidArgument(path + ": state " + id + ": unknown expect '" + expect + "'");
        st.expect = e->second;
        st.min_length = j.value("min_length", 1);
        st.max_length = j.value("max_length", 1000);
        st.max_items = j.value("max_items", 10);
        st.store = j.value("store", "");
        st.invalid = j.value("invalid", "");
        st.action = j.value("action", "");
        st.next = j.value("next", "");
        st.free_text = j.value("free_text", "");
        st.on = j.value("on", std::map<std::string, std::string>{});
        s.states[id] = std::move(st);
      }
    } catch (const nlohmann::json::exception& ex) {
      return Status::InvalidArgument(path + ": " + ex.what());
    }
  }
  if (s.states.empty()) return Status::InvalidArgument(dir + "/scripts holds no state");
  *script = std::move(s);
  return Status::Ok();
}

const StateSpec* Script::Find(const std::string& id) const {
  auto it = states.find(id);
  return it == states.end() ? nullptr : &it->second;
}

std::vector<std::string> LintScript(const Script& script, const std::set<std::string>& actions,
                                    const std::set<std::string>& desk_only_commands) {
  std::vector<std::string> problems;
  for (const char* required : {"welcome", "menu"}) {
    if (!script.Find(required)) problems.push_back(std::string("state ") + required + " is missing");
  }
  for (const char* text : {"timeout", "unsupported", "group", "invalid_choice", "too_long", "too_short", "unknown_command",
                           "need_text", "evidence_received", "evidence_full", "evidence_hint", "feedback_prompt",
                           "feedback_up", "feedback_down", "desk_help", "desk_usage", "tipster_question",
                           "tipster_status", "reviewer_new_tip", "reviewer_tipster_answer", "desk_error",
                           "desk_not_found", "desk_queue_empty", "desk_queue_title", "desk_search_title",
                           "desk_no_results", "desk_tip_line", "desk_tip_line_overdue", "desk_tip_claimed",
                           "age_minutes", "age_hours", "age_days", "desk_stats_title", "desk_stats_by_status",
                           "desk_stats_by_category", "desk_stats_by_region", "desk_stats_by_week", "desk_stats_line",
                           "desk_reviewers_title", "desk_reviewer_line", "desk_view", "desk_view_overdue",
                           "desk_view_claimed", "desk_view_forwarded", "desk_view_link", "desk_view_evidence",
                           "desk_evidence_flagged", "desk_evidence_failed", "desk_evidence_pending", "desk_view_files",
                           "desk_view_message", "desk_from_tipster", "desk_note_by", "desk_to_tipster",
                           "desk_admin_only", "desk_claimed", "desk_noted", "desk_asked", "desk_no_route",
                           "desk_status_set", "desk_forwarded", "desk_reviewer_added", "desk_reviewer_removed",
                           "digest", "digest_line", "status_view", "status_view_messages", "status_view_message",
                           "status_view_awaiting", "tip_summary", "location", "evidence_done_words", "status_label_baru",
                           "status_label_diproses", "status_label_diteruskan", "status_label_selesai",
                           "status_label_ditolak"}) {
    if (!script.texts.count(text)) problems.push_back(std::string("text ") + text + " is missing");
  }
  auto check_target = [&](const std::string& from, const std::string& to) {
    if (!script.Find(Target(to))) problems.push_back("state " + from + ": leads to unknown state '" + to + "'");
  };
  for (const auto& [cmd, to] : script.commands) {
    check_target("command " + cmd, to);
    if (desk_only_commands.count(cmd)) {
      problems.push_back("command " + cmd + ": shadows the reviewers' desk command of that name");
    }
  }
  for (const auto& [id, st] : script.states) {
    if (!st.action.empty() && !actions.count(st.action)) {
      problems.push_back("state " + id + ": unknown action '" + st.action + "'");
    }
    if (!st.next.empty()) check_target(id, st.next);
    if (!st.free_text.empty()) check_target(id, st.free_text);
    for (const auto& [k, to] : st.on) check_target(id, to);
    bool has_exit = !st.next.empty() || !st.on.empty();
    if (!has_exit) problems.push_back("state " + id + ": dead end (no next and no on)");
    if (st.expect != Expect::kNone && st.say.empty() && st.action.empty()) {
      problems.push_back("state " + id + ": asks for input but says nothing");
    }
    if (st.expect == Expect::kNone && st.say.empty() && st.action.empty()) {
      problems.push_back("state " + id + ": says nothing and does nothing");
    }
    if (st.expect == Expect::kChoice) {
      if (st.buttons.empty()) problems.push_back("state " + id + ": a choice without buttons");
      for (const auto& b : st.buttons) {
        if (b.label.empty()) problems.push_back("state " + id + ": button " + b.id + " has no label");
        if (b.id.size() > 64) problems.push_back("state " + id + ": button id " + b.id + " exceeds 64 bytes");
        if (!st.on.count(b.id) && st.next.empty()) {
          problems.push_back("state " + id + ": button " + b.id + " leads nowhere");
        }
      }
    }
  }
  // Reachability from the entry points: /start and every command.
  std::set<std::string> seen;
  std::vector<std::string> todo = {"welcome", "menu"};
  for (const auto& [cmd, to] : script.commands) todo.push_back(Target(to));
  while (!todo.empty()) {
    std::string id = todo.back();
    todo.pop_back();
    const StateSpec* st = script.Find(id);
    if (!st || !seen.insert(id).second) continue;
    if (!st->next.empty()) todo.push_back(Target(st->next));
    if (!st->free_text.empty()) todo.push_back(Target(st->free_text));
    for (const auto& [k, to] : st->on) todo.push_back(Target(to));
  }
  for (const auto& [id, st] : script.states) {
    if (!seen.count(id)) problems.push_back("state " + id + ": unreachable");
  }
  return problems;
}

}  // namespace netra
