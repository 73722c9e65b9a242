#include "dialogs/engine.h"
#include "base/text.h"

#include <algorithm>
#include <cmath>
#include <functional>

#include "privacy/redaction.h"
#include "dialogs/date_parser.h"
#include "dialogs/links.h"
#include "base/template.h"
#include "dialogs/ticket_code.h"

namespace netra {
namespace {

constexpr int kMaxHops = 12;

// Lowercase ASCII letters and digits only: how typed text is compared with button labels.
std::string Folded(const std::string& s) {
  std::string out;
  for (unsigned char c : s) {
    if (c < 0x80 && std::isalnum(c)) out.push_back(static_cast<char>(std::tolower(c)));
  }
  return out;
}

std::vector<std::string> Links(const std::string& text) { return ExtractLinks(text); }

// The state's button that `text` names (its id, its label however typed, or its number), or null.
const Button* MatchButton(const StateSpec& st, const std::string& text) {
  std::string folded = Folded(text);
  for (size_t i = 0; i < st.buttons.size(); ++i) {
    const Button& b = st.buttons[i];
    if (text == b.id || (!folded.empty() && (folded == Folded(b.label) || folded == Folded(b.id))) ||
        text == std::to_string(i + 1)) {
      return &b;
    }
  }
  return nullptr;
}

// True when `text` is one of the comma-separated `words`, compared as Folded.
bool IsOneOf(const std::string& text, const std::string& words) {
  std::string folded = Folded(text);
  size_t start = 0;
  while (start <= words.size()) {
    size_t comma = words.find(',', start);
    if (comma == std::string::npos) comma = words.size();
    std::string word = Folded(words.substr(start, comma - start));
    if (!word.empty() && word == folded) return true;
    start = comma + 1;
  }
  return false;
}

std::string CategoryLabel(const Script& script, const std::string& id) {
  if (const StateSpec* st = script.Find("tip.category")) {
    for (const auto& b : st->buttons) {
      if (b.id == id) return b.label;
    }
  }
  return id;
}

std::string FormatDate(int64_t t, int utc_offset) {
  time_t tt = static_cast<time_t>(t + utc_offset);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%d-%m-%Y %H:%M", &tm);
  return buf;
}

}  // namespace

struct DialogEngine::Turn {
  const InboundMessage& msg;
  Session session;
  std::vector<Reply>* replies;
  std::map<std::string, std::string> vars;
  int hops = 0;
};

struct DialogEngine::Input {
  enum class Kind { kAccepted, kRefused, kHandled };
  Kind kind = Kind::kAccepted;
  std::string value;      // kAccepted: the input
  std::string choice_id;  // kAccepted by a button of a choice
  std::string refusal;    // kRefused: the text ("" for the generic one)

  Status Refuse(std::string why) {
    kind = Kind::kRefused;
    refusal = std::move(why);
    return Status::Ok();
  }
};

DialogEngine::DialogEngine(DialogDeps deps, DialogEngineOptions options) : deps_(deps), options_(options) {
  if (deps_.desk) desk_ = std::make_unique<Desk>(deps_.desk, &deps_.script->texts, deps_.clock);
}

const std::map<std::string, DialogEngine::Action>& DialogEngine::Actions() {
  static const std::map<std::string, Action> actions = {
      {"answer_question", &DialogEngine::AnswerQuestionAction}, {"discard_draft", &DialogEngine::DiscardDraft},
      {"save_tip", &DialogEngine::SaveTip},                     {"lookup_status", &DialogEngine::LookupStatus},
      {"answer_reviewer", &DialogEngine::AnswerReviewer}};
  return actions;
}

const std::set<std::string>& DialogEngine::ActionNames() {
  static const std::set<std::string> names = [] {
    std::set<std::string> out;
    for (const auto& [name, action] : Actions()) out.insert(name);
    return out;
  }();
  return names;
}

std::vector<std::string> DialogEngine::Lint(const Script& script) {
  return LintScript(script, ActionNames(), Desk::DeskOnlyCommands());
}

std::string DialogEngine::Text(const std::string& key) const {
  auto it = deps_.script->texts.find(key);
  return it == deps_.script->texts.end() ? "" : it->second;
}

std::string DialogEngine::Text(const std::string& key, const std::map<std::string, std::string>& vars) const {
  return FillTemplate(Text(key), vars);
}

Status DialogEngine::Handle(const InboundMessage& msg, std::vector<Reply>* replies) {
  if (msg.group_chat) {
    replies->push_back({Text("group"), {}, {}});
    return Status::Ok();
  }
  Turn t{msg, {}, replies, {}, 0};
  Status s = deps_.sessions->Load(msg.user_key, &t.session);
  if (s.code() == Status::Code::kNotFound) {
    t.session = Session{msg.user_key, "", nlohmann::json::object(), 0};
    s = Status::Ok();
  } else if (!s.ok()) {
    return s;
  }
  const int64_t now = deps_.clock->NowSeconds();
  if (!t.session.state.empty() && now - t.session.updated_at > options_.session_timeout_seconds) {
    bool had_flow = t.session.state != "menu" || !t.session.data.empty();
    t.session.state.clear();
    t.session.data = nlohmann::json::object();
    if (had_flow) replies->push_back({Text("timeout"), {}, {}});
  }

  std::string text = Trim(msg.text);
  if (msg.kind == MessageKind::kUnsupported) {
    replies->push_back({Text("unsupported"), {}, {}});
    if (const StateSpec* st = deps_.script->Find(t.session.state); st && st->expect != Expect::kNone) {
      replies->push_back(Render(t, *st));
    }
  } else if (msg.kind == MessageKind::kText && !text.empty() && text[0] == '/') {
    size_t space = text.find_first_of(" \t\n");
    std::string command = Lower(text.substr(0, space));
    command = command.substr(0, command.find('@'));  // "/start@NetraBot"
    std::string arg = space == std::string::npos ? "" : Trim(text.substr(space));
    s = RouteCommand(t, command, arg);
  } else {
    std::string state = t.session.state.empty() ? "menu" : t.session.state;
    if (const StateSpec* st = deps_.script->Find(state); !st || st->expect == Expect::kNone) state = "menu";
    s = Process(t, state);
  }
  if (!s.ok()) return s;
  if (!deps_.script->Find(t.session.state)) t.session.state = "menu";
  t.session.updated_at = now;
  return deps_.sessions->Save(t.session);
}

Status DialogEngine::RouteCommand(Turn& t, const std::string& command, const std::string& arg) {
  const InboundMessage& msg = t.msg;
  auto script_command = deps_.script->commands.find(command);
  const bool in_script = script_command != deps_.script->commands.end();
  if (desk_ && Desk::IsCommand(command)) {
    if (msg.role_unknown) {
      // The roster could not be read, so this may be a reviewer: nothing is refused or recorded,
      // and they are asked to try again.
      t.replies->push_back({Text("desk_error"), {}, {}});
      return Status::Ok();
    }
    if (msg.reviewer) return desk_->Handle(msg, command, arg, t.replies);
    if (!in_script) {
      // Not a reviewer: the ordinary menu, and the attempt on record by pseudonym only.
      Status s = deps_.desk.audit->Audit("pseudonym:" + msg.user_key, "desk_denied", "", command,
                                         deps_.clock->NowSeconds());
      if (!s.ok()) return s;
    }
  }
  if (!in_script) {
    t.replies->push_back({Text("unknown_command"), {}, {}});
    return Enter(t, "menu");
  }
  return RunScriptCommand(t, command, script_command->second, arg);
}

Status DialogEngine::RunScriptCommand(Turn& t, const std::string& command, const std::string& target,
                                      const std::string& arg) {
  if (target != "cancelled" && command != "/status" && command != "/menu") {
    // Starting another flow abandons the draft of the current one.
    t.session.data = nlohmann::json::object();
  }
  if (!arg.empty() && (command == "/status" || command == "/tanya")) {
    // "/tanya pertanyaan", "/status KODE": the argument is the first answer.
    t.session.state = target;
    InboundMessage as_input = t.msg;
    as_input.text = arg;
    Turn inner{as_input, t.session, t.replies, {}, 0};
    Status s = Process(inner, target);
    t.session = inner.session;
    return s;
  }
  if (command == "/status") t.session.data = nlohmann::json::object();
  return Enter(t, target);
}

Status DialogEngine::AcceptChoice(Turn& t, const StateSpec& st, Input* in) {
  const std::string text = Trim(t.msg.text);
  const bool typed = t.msg.kind == MessageKind::kText || t.msg.kind == MessageKind::kButton;
  const Button* b = typed ? MatchButton(st, text) : nullptr;
  if (!b) {
    // Unmatched text (or a button of an earlier message) is a question where the state allows.
    if (!st.free_text.empty() && !text.empty()) {
      in->kind = Input::Kind::kHandled;
      return Process(t, st.free_text);
    }
    return in->Refuse(st.invalid);
  }
  in->choice_id = b->id;
  in->value = b->id;
  return Status::Ok();
}

Status DialogEngine::AcceptText(Turn& t, const StateSpec& st, Input* in) {
  const InboundMessage& msg = t.msg;
  const std::string text = Trim(msg.text);
  if (msg.kind == MessageKind::kLocation && st.expect == Expect::kPlace) {
    // Rounded to about 1 km: enough to find the place, too coarse to pinpoint a home.
    char lat[32], lon[32];
    std::snprintf(lat, sizeof lat, "%.2f", std::round(msg.latitude * 100) / 100);
    std::snprintf(lon, sizeof lon, "%.2f", std::round(msg.longitude * 100) / 100);
    in->value = Text("location", {{"lat", lat}, {"lon", lon}});
    return Status::Ok();
  }
  if (msg.kind != MessageKind::kText && msg.kind != MessageKind::kButton) {
    return in->Refuse(st.invalid.empty() ? Text("need_text") : st.invalid);
  }
  if (const Button* b = MatchButton(st, text)) {
    in->value = b->id;
    return Status::Ok();
  }
  if (msg.kind == MessageKind::kButton && st.action != "answer_question") {
    return in->Refuse(st.invalid);  // a button of an earlier message is no answer here
  }
  size_t n = CodePoints(text);
  if (n < static_cast<size_t>(st.min_length)) return in->Refuse(Text("too_short", {{"min", std::to_string(st.min_length)}}));
  if (n > static_cast<size_t>(st.max_length)) return in->Refuse(Text("too_long", {{"max", std::to_string(st.max_length)}}));
  in->value = text;
  return Status::Ok();
}

Status DialogEngine::AcceptDate(Turn& t, const StateSpec& st, Input* in) {
  std::string input = Trim(t.msg.text);
  if (const Button* b = MatchButton(st, input)) input = b->id;
  if (t.msg.kind != MessageKind::kText && t.msg.kind != MessageKind::kButton) return in->Refuse(st.invalid);
  if (!ParseIndonesianDate(input, deps_.clock->NowSeconds(), options_.utc_offset_seconds, &in->value)) {
    return in->Refuse(st.invalid);
  }
  return Status::Ok();
}

Status DialogEngine::AcceptEvidence(Turn& t, const StateSpec& st, Input* in) {
  const InboundMessage& msg = t.msg;
  const std::string text = Trim(msg.text);
  nlohmann::json& items = t.session.data[st.store];
  if (!items.is_array()) items = nlohmann::json::array();
  bool finish = MatchButton(st, text) != nullptr || IsOneOf(text, Text("evidence_done_words"));
  if (msg.kind == MessageKind::kMedia || (!finish && !Links(text).empty())) {
    in->kind = Input::Kind::kHandled;
    std::vector<nlohmann::json> added;
    if (msg.kind == MessageKind::kMedia) {
      added.push_back({{"kind", msg.media.kind}, {"ref", msg.media.ref}, {"mime", msg.media.mime_type},
                       {"size", msg.media.size}});
    }
    for (const auto& link : Links(text)) added.push_back({{"kind", "link"}, {"ref", MaskPersonalData(StripTrackingParameters(link))}});
    const std::string max = std::to_string(st.max_items);
    for (const auto& item : added) {
      if (items.size() >= static_cast<size_t>(st.max_items)) {
        t.replies->push_back({Text("evidence_full", {{"max", max}}), st.buttons, {}});
        return Status::Ok();
      }
      items.push_back(item);
    }
    t.replies->push_back({Text("evidence_received", {{"count", std::to_string(items.size())}, {"max", max}}),
                          st.buttons, {}});
    return Status::Ok();
  }
  if (!finish) return in->Refuse(Text("evidence_hint"));
  in->value = "";
  return Status::Ok();
}

Status DialogEngine::AcceptCode(Turn& t, const StateSpec& st, Input* in) {
  in->value = NormalizeTicketCode(Trim(t.msg.text));
  return in->value.empty() ? in->Refuse(st.invalid) : Status::Ok();
}

Status DialogEngine::Process(Turn& t, const std::string& state_id) {
  const StateSpec* st = deps_.script->Find(state_id);
  if (!st) return Enter(t, "menu");
  t.session.state = state_id;
  using Accept = Status (DialogEngine::*)(Turn&, const StateSpec&, Input*);
  static const std::map<Expect, Accept> accept = {
      {Expect::kChoice, &DialogEngine::AcceptChoice},     {Expect::kText, &DialogEngine::AcceptText},
      {Expect::kPlace, &DialogEngine::AcceptText},        {Expect::kDate, &DialogEngine::AcceptDate},
      {Expect::kEvidence, &DialogEngine::AcceptEvidence}, {Expect::kCode, &DialogEngine::AcceptCode}};
  auto reader = accept.find(st->expect);
  if (reader == accept.end()) return Enter(t, "menu");  // a state that asks nothing
  Input in;
  Status read = (this->*(reader->second))(t, *st, &in);
  if (!read.ok() || in.kind == Input::Kind::kHandled) return read;
  if (in.kind == Input::Kind::kRefused) {
    t.replies->push_back({in.refusal.empty() ? Text("invalid_choice") : in.refusal, {}, {}});
    if (!st->say.empty() || !st->buttons.empty()) t.replies->push_back(Render(t, *st));
    return Status::Ok();
  }
  const std::string& value = in.value;
  const std::string& choice_id = in.choice_id;

  if (!st->store.empty() && st->expect != Expect::kEvidence) t.session.data[st->store] = MaskPersonalData(value);
  std::string outcome;
  if (!st->action.empty()) {
    Status s = RunAction(t, *st, value, &outcome);
    if (!s.ok()) return s;
  }
  std::string next;
  if (!outcome.empty() && st->on.count(outcome)) {
    next = st->on.at(outcome);
  } else if (!choice_id.empty() && st->on.count(choice_id)) {
    next = st->on.at(choice_id);
  } else {
    next = st->next;
  }
  if (!st->store.empty() && t.session.data.contains("_return") && next.rfind("edit:", 0) != 0) {
    next = t.session.data["_return"].get<std::string>();
    t.session.data.erase("_return");
  }
  return next.empty() ? Status::Ok() : Enter(t, next);
}

Status DialogEngine::Enter(Turn& t, std::string target) {
  while (++t.hops <= kMaxHops) {
    if (target.rfind("edit:", 0) == 0) {
      t.session.data["_return"] = t.session.state;
      target = target.substr(5);
    }
    const StateSpec* st = deps_.script->Find(target);
    if (!st) st = deps_.script->Find(target = "menu");
    t.session.state = target;
    if (st->expect != Expect::kNone) {
      if (!st->say.empty() || !st->buttons.empty()) t.replies->push_back(Render(t, *st));
      return Status::Ok();
    }
    std::string outcome;
    if (!st->action.empty()) {
      Status s = RunAction(t, *st, "", &outcome);
      if (!s.ok()) return s;
    }
    if (!st->say.empty()) t.replies->push_back(Render(t, *st));
    target = !outcome.empty() && st->on.count(outcome) ? st->on.at(outcome) : st->next;
  }
  return Status::Ok();
}

Reply DialogEngine::Render(const Turn& t, const StateSpec& st) const {
  return Reply{Fill(t, st.say), st.buttons, {}};
}

std::string DialogEngine::Fill(const Turn& t, const std::string& text) const {
  // Turn variables first, then the tip summary, then the session's own fields.
  return FillTemplate(text, [&](std::string_view name) -> std::optional<std::string> {
    std::string key(name);
    if (auto it = t.vars.find(key); it != t.vars.end()) return it->second;
    if (key == "summary") return Summary(t);
    auto v = t.session.data.find(key);
    if (v != t.session.data.end() && v->is_string()) return v->get<std::string>();
    return std::nullopt;
  });
}

std::string DialogEngine::Summary(const Turn& t) const {
  const nlohmann::json& d = t.session.data;
  auto field = [&](const char* key) { return d.contains(key) && d[key].is_string() ? d[key].get<std::string>() : "-"; };
  size_t files = 0, links = 0;
  if (d.contains("evidence") && d["evidence"].is_array()) {
    for (const auto& e : d["evidence"]) (e.value("kind", "") == "link" ? links : files)++;
  }
  return Text("tip_summary", {{"category", CategoryLabel(*deps_.script, field("category"))},
                              {"who", field("who")},
                              {"where", field("where")},
                              {"when", field("when")},
                              {"what", field("what")},
                              {"files", std::to_string(files)},
                              {"links", std::to_string(links)}});
}

Status DialogEngine::RunAction(Turn& t, const StateSpec& st, const std::string& input, std::string* outcome) {
  auto it = Actions().find(st.action);
  if (it == Actions().end()) return Status::InvalidArgument("unknown action " + st.action);
  return (this->*(it->second))(t, st, input, outcome);
}

Status DialogEngine::AnswerQuestionAction(Turn& t, const StateSpec&, const std::string& input, std::string* outcome) {
  return AnswerQuestion(t, input, outcome);
}

Status DialogEngine::DiscardDraft(Turn& t, const StateSpec&, const std::string&, std::string*) {
  t.session.data = nlohmann::json::object();
  return Status::Ok();
}

Status DialogEngine::SaveTip(Turn& t, const StateSpec&, const std::string&, std::string* outcome) {
  const nlohmann::json& d = t.session.data;
  TipDraft draft;
  draft.channel = t.msg.channel;
  draft.category = d.value("category", "");
  draft.who = d.value("who", "");
  draft.where = d.value("where", "");
  draft.when = d.value("when", "");
  draft.what = d.value("what", "");
  for (const auto& e : d.value("evidence", nlohmann::json::array())) {
    if (e.value("kind", "") == "link") {
      draft.links.push_back(e.value("ref", ""));
    } else {
      draft.evidence.push_back({e.value("kind", ""), e.value("ref", ""), e.value("mime", ""), e.value("size", int64_t{0})});
    }
  }
  std::string code;
  Status s = deps_.tips->CreateTip(draft, t.msg.user_key, t.msg.reply_address.ToString(), deps_.clock->NowSeconds(), &code);
  if (s.ok()) {
    t.vars["code"] = code;
    t.session.data = nlohmann::json::object();
    *outcome = "saved";
    // Reviewers learn the code and category only.
    if (desk_) return desk_->NotifyReviewers("reviewer_new_tip", {{"code", code}, {"category", draft.category}}, t.replies);
  } else if (s.IsResourceExhausted()) {
    *outcome = "limited";
  } else if (s.IsUnavailable()) {
    *outcome = "busy";  // the draft stays: the tipster may press "Kirim" again later
  } else {
    *outcome = "failed";
  }
  return Status::Ok();
}

Status DialogEngine::LookupStatus(Turn& t, const StateSpec& st, const std::string& input, std::string* outcome) {
  int misses = 0;
  Status s = deps_.tips->CountUnknownCodes(t.msg.user_key, deps_.clock->NowSeconds(), 0, &misses);
  if (!s.ok()) return s;
  if (misses >= options_.unknown_codes_per_hour) {
    *outcome = "too_many";
    return Status::Ok();
  }
  TipStatusView view;
  s = deps_.tips->GetStatus(input, &view);
  if (s.code() == Status::Code::kNotFound) {
    s = deps_.tips->CountUnknownCodes(t.msg.user_key, deps_.clock->NowSeconds(), 1, &misses);
    if (!s.ok()) return s;
    t.replies->push_back({st.invalid, {}, {}});
    *outcome = "not_found";
    return Status::Ok();
  }
  if (!s.ok()) return s;
  t.session.data["code"] = view.code;
  std::string messages;
  if (!view.messages_to_tipster.empty()) {
    messages = Text("status_view_messages");
    for (const auto& m : view.messages_to_tipster) messages += "\n" + Text("status_view_message", {{"message", m}});
  }
  t.vars["status_text"] =
      Text("status_view", {{"code", view.code},
                           {"status", TipStatusLabel(deps_.script->texts, ToString(view.status))},
                           {"updated", FormatDate(view.updated_at, options_.utc_offset_seconds)},
                           {"messages", messages},
                           {"awaiting", view.awaiting_answer ? Text("status_view_awaiting") : ""}});
  *outcome = "found";
  return Status::Ok();
}

Status DialogEngine::AnswerReviewer(Turn& t, const StateSpec&, const std::string& input, std::string* outcome) {
  std::string code = t.session.data.value("code", "");
  Status s = deps_.tips->AddTipsterMessage(code, MaskPersonalData(input), deps_.clock->NowSeconds());
  if (s.code() == Status::Code::kNotFound) {
    *outcome = "not_found";
    return Status::Ok();
  }
  if (!s.ok()) return s;
  *outcome = "sent";
  if (desk_) return desk_->NotifyReviewers("reviewer_tipster_answer", {{"code", code}}, t.replies);
  return Status::Ok();
}

Status DialogEngine::AnswerQuestion(Turn& t, const std::string& input, std::string* outcome) {
  std::shared_ptr<const Answerer> answerer = deps_.answerer->Get();
  const KnowledgeBase& kb = answerer->kb();
  if (input == "menu" || input == "topics" || input == "lapor") {
    *outcome = input;
    return Status::Ok();
  }
  auto answer_buttons = [&](const Entry& e) {
    std::vector<Button> buttons = {{"fb:up:" + e.id, Text("button_helpful")},
                                   {"fb:down:" + e.id, Text("button_unhelpful"), true}};
    if (!e.legal_basis.empty()) buttons.push_back({"law:" + e.id, Text("button_law_text")});
    // Someone asking about a forbidden act may have seen one: the report is one tap away.
    if (e.verdict == "tidak_boleh") buttons.push_back({"lapor", Text("button_report")});
    for (const auto& r : e.related) {
      if (buttons.size() >= 5) break;
      if (const Entry* rel = kb.FindEntry(r)) buttons.push_back({"entry:" + rel->id, ButtonLabel(*rel)});
    }
    buttons.push_back({"menu", Text("button_menu")});
    return buttons;
  };
  if (input.rfind("law:", 0) == 0) {
    // "📜 Bunyi pasal": the quoted wording of every article the entry cites, one message each.
    if (const Entry* e = kb.FindEntry(input.substr(4))) {
      for (auto& text : answerer->QuotedArticles(*e)) t.replies->push_back({std::move(text), {}, {}});
      t.replies->back().buttons = {{"menu", Text("button_menu")}};
      return Status::Ok();
    }
  }
  if (input == "none") {
    t.replies->push_back({Text("none_of_these"), {{"topics", Text("button_topics")}, {"menu", Text("button_menu")}}, {}});
    return Status::Ok();
  }
  if (input.rfind("fb:", 0) == 0) {
    bool helpful = input.rfind("fb:up:", 0) == 0;
    std::string id = input.substr(helpful ? 6 : 8);
    if (deps_.feedback && kb.FindEntry(id)) {
      Status s = deps_.feedback->Record(id, helpful);
      if (!s.ok()) return s;
    }
    t.replies->push_back({Text(helpful ? "feedback_up" : "feedback_down"), {}, {}});
    return Status::Ok();
  }
  if (input.rfind("entry:", 0) == 0) {
    if (const Entry* e = kb.FindEntry(input.substr(6))) {
      t.replies->push_back({RenderAnswer(*e, answerer->messages()) + "\n\n" + Text("feedback_prompt"), answer_buttons(*e), {}});
      t.session.data["last_entry"] = e->id;
      t.session.data["last_entry_at"] = deps_.clock->NowSeconds();
      return Status::Ok();
    }
  }
  // A follow-up ("kalau PPPK?") is read against what this person was answered in the last minutes.
  constexpr int64_t kFollowUpSeconds = 10 * 60;
  int64_t now = deps_.clock->NowSeconds();
  const Entry* previous = nullptr;
  if (t.session.data.value("last_entry_at", int64_t{0}) + kFollowUpSeconds >= now) {
    previous = kb.FindEntry(t.session.data.value("last_entry", ""));
  }
  Answer a = previous ? answerer->AskFollowUp(input, *previous) : answerer->Ask(input);
  switch (a.decision) {
    case Decision::kAnswer:
      t.replies->push_back({a.text + "\n\n" + Text("feedback_prompt"), answer_buttons(*a.entry), {}});
      t.session.data["last_entry"] = a.entry->id;  // kept by pseudonym only, for follow-ups
      t.session.data["last_entry_at"] = now;
      *outcome = "answered";
      break;
    case Decision::kChoices: {
      // Each choice once, as a button; and a way out when none of them is meant.
      Reply r{a.prompt, {}, {}};
      for (const Entry* e : a.candidates) r.buttons.push_back({"entry:" + e->id, e->question});
      r.buttons.push_back({"none", Text("button_none_of_these")});
      t.replies->push_back(std::move(r));
      *outcome = "choices";
      break;
    }
    case Decision::kSmallTalk:
      t.replies->push_back({a.text, {}, {}});
      *outcome = a.smalltalk == "greeting" || a.smalltalk == "help" ? "menu" : "smalltalk";
      break;
    case Decision::kDecline: {
      Reply r{a.prompt, {}, {}};
      for (const Entry* e : a.candidates) r.buttons.push_back({"entry:" + e->id, e->question});
      r.buttons.push_back({"topics", Text("button_topics")});
      t.replies->push_back(std::move(r));
      if (deps_.questions) {
        std::string key;
        for (const auto& w : kb.normalizer().Terms(input)) key += (key.empty() ? "" : " ") + w;
        if (!key.empty()) {
          Status s = deps_.questions->RecordDeclined(key, MaskPersonalData(input), deps_.clock->NowSeconds());
          if (!s.ok()) return s;
        }
      }
      *outcome = "declined";
      break;
    }
  }
  return Status::Ok();
}

}  // namespace netra
