#include "dialogs/desk.h"

#include "base/text.h"
#include "dialogs/chat_address.h"
#include "base/template.h"
#include "dialogs/ticket_code.h"
#include "privacy/redaction.h"

namespace netra {
namespace {

std::pair<std::string, std::string> SplitFirst(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\n");
  if (b == std::string::npos) return {"", ""};
  size_t e = s.find_first_of(" \t\n", b);
  if (e == std::string::npos) return {s.substr(b), ""};
  size_t rest = s.find_first_not_of(" \t\n", e);
  return {s.substr(b, e - b), rest == std::string::npos ? "" : s.substr(rest)};
}

std::string TextOf(const Texts& texts, const std::string& key, const Texts& vars = {}) {
  auto it = texts.find(key);
  return FillTemplate(it == texts.end() ? key : it->second, vars);
}

}  // namespace

struct Desk::Request {
  const InboundMessage& msg;
  const std::string& arg;  // everything after the command
  std::string first;       // its first word
  std::string rest;        // the words after that
  std::string code;        // `first` as a ticket code, or upper-cased as typed when it cannot be one
  int64_t now;
  std::vector<Reply>* replies;
  std::string actor;  // the reviewer as "channel:id", for the audit log and tip claims
};

const std::map<std::string, Desk::Entry>& Desk::Table() {
  static const std::map<std::string, Entry> table = {
      {"/bantuan", {&Desk::Help, false, true}},       {"/antrian", {&Desk::Queue, false, false}},
      {"/cari", {&Desk::Search, false, false}},       {"/statistik", {&Desk::Stats, false, false}},
      {"/reviewer", {&Desk::Reviewer, false, false}}, {"/ambil", {&Desk::Claim, true, false}},
      {"/lihat", {&Desk::View, true, false}},         {"/catat", {&Desk::Note, true, false}},
      {"/tanya", {&Desk::Ask, true, true}},           {"/status", {&Desk::SetStatus, true, true}},
      {"/teruskan", {&Desk::Forward, true, false}},
  };
  return table;
}

bool Desk::IsCommand(const std::string& command) { return Table().count(command) > 0; }

std::set<std::string> Desk::DeskOnlyCommands() {
  std::set<std::string> names;
  for (const auto& [name, entry] : Table()) {
    if (!entry.shared) names.insert(name);
  }
  return names;
}

std::string TipStatusLabel(const Texts& texts, const std::string& status) {
  auto it = texts.find("status_label_" + status);
  return it == texts.end() ? status : it->second;
}

std::string OverdueDigest(const Texts& texts, const std::vector<TipSummary>& open) {
  std::string lines;
  int overdue = 0;
  for (const auto& t : open) {
    if (!t.overdue) continue;
    ++overdue;
    lines += "\n" + TextOf(texts, "digest_line", {{"code", t.code}, {"category", t.category}, {"status", ToString(t.status)}});
  }
  if (overdue == 0) return "";
  return TextOf(texts, "digest", {{"count", std::to_string(overdue)}, {"lines", lines}});
}

std::string Desk::Text(const std::string& key, const Texts& vars) const { return TextOf(*texts_, key, vars); }

void Desk::Say(Request& r, std::string text) const { r.replies->push_back({std::move(text), {}, {}}); }

std::string Desk::FormatSummary(const TipSummary& t, int64_t now) const {
  int64_t age = now - t.created_at;
  std::string age_text = age < 3600    ? Text("age_minutes", {{"n", std::to_string(age / 60)}})
                         : age < 86400 ? Text("age_hours", {{"n", std::to_string(age / 3600)}})
                                       : Text("age_days", {{"n", std::to_string(age / 86400)}});
  return Text(t.overdue ? "desk_tip_line_overdue" : "desk_tip_line",
              {{"code", t.code},
               {"age", age_text},
               {"category", t.category},
               {"place", Utf8PrefixWithEllipsis(t.place, 40)},
               {"status", ToString(t.status)},
               {"claimed", t.claimed_by.empty() ? "" : Text("desk_tip_claimed", {{"claimed_by", t.claimed_by}})}});
}

std::string Desk::FormatList(const std::string& title_key, const std::vector<TipSummary>& tips, int64_t now) const {
  std::string text = Text(title_key, {{"count", std::to_string(tips.size())}});
  for (const auto& t : tips) text += "\n" + FormatSummary(t, now);
  return text;
}

Status Desk::NotifyReviewers(const std::string& text_key, const Texts& vars, std::vector<Reply>* replies) {
  std::vector<ReviewerRecord> reviewers;
  Status s = stores_.roster->ListReviewers(&reviewers);
  if (!s.ok()) return s;
  for (const auto& r : reviewers) replies->push_back({Text(text_key, vars), {}, {}, ChatAddress{r.channel, r.user_id}});
  return Status::Ok();
}

Status Desk::Handle(const InboundMessage& msg, const std::string& command, const std::string& arg,
                    std::vector<Reply>* replies) {
  auto [first, rest] = SplitFirst(arg);
  Request r{msg, arg, first, rest, NormalizeTicketCode(first), clock_->NowSeconds(), replies, msg.staff_id.ToString()};
  // As typed, when it cannot be a code: the "not found" reply then shows what the reviewer wrote.
  if (r.code.empty()) r.code = Upper(first);
  auto it = Table().find(command);
  if (it == Table().end() || (it->second.needs_code && first.empty())) {
    Say(r, Text("desk_usage"));
    return Status::Ok();
  }
  return (this->*(it->second.run))(r);
}

Status Desk::Done(Request& r, const Status& s, const std::string& key, Texts vars) {
  if (s.code() == Status::Code::kNotFound) {
    Say(r, Text("desk_not_found", {{"code", r.code}}));
    return Status::Ok();
  }
  if (!s.ok()) return s;
  vars["code"] = r.code;
  Say(r, Text(key, vars));
  return Status::Ok();
}

Status Desk::Help(Request& r) {
  Say(r, Text("desk_help"));
  return Status::Ok();
}

Status Desk::Queue(Request& r) {
  std::vector<TipSummary> queue;
  Status s = stores_.tips->Queue(Lower(r.first), r.now, &queue);
  if (!s.ok()) return s;
  Say(r, queue.empty() ? Text("desk_queue_empty") : FormatList("desk_queue_title", queue, r.now));
  if (queue.empty()) return Status::Ok();
  return stores_.audit->Audit(r.actor, "queue", "", r.first, r.now);
}

Status Desk::Search(Request& r) {
  if (r.arg.empty()) {
    Say(r, Text("desk_usage"));
    return Status::Ok();
  }
  std::vector<TipSummary> found;
  Status s = stores_.tips->Search(r.arg, &found);
  if (!s.ok()) return s;
  Say(r, found.empty() ? Text("desk_no_results") : FormatList("desk_search_title", found, r.now));
  return stores_.audit->Audit(r.actor, "search", "", r.arg, r.now);
}

Status Desk::Stats(Request& r) {
  TipStatistics stats;
  Status s = stores_.reports->Statistics(&stats);
  if (!s.ok()) return s;
  std::string text = Text("desk_stats_title");
  auto group = [&](const char* title_key, const std::vector<TipCount>& counts) {
    text += "\n" + Text(title_key);
    for (const auto& c : counts) {
      text += "\n" + Text("desk_stats_line", {{"key", c.key}, {"count", std::to_string(c.count)}});
    }
  };
  group("desk_stats_by_status", stats.by_status);
  group("desk_stats_by_category", stats.by_category);
  group("desk_stats_by_region", stats.by_region);
  group("desk_stats_by_week", stats.by_week);
  Say(r, text);
  return stores_.audit->Audit(r.actor, "statistics", "", "", r.now);
}

Status Desk::Reviewer(Request& r) {
  std::string sub = Lower(r.first);
  if (sub == "daftar" || sub.empty()) {
    std::vector<ReviewerRecord> all;
    Status s = stores_.roster->ListReviewers(&all);
    if (!s.ok()) return s;
    std::string text = Text("desk_reviewers_title");
    for (const auto& rec : all) {
      text += "\n" + Text("desk_reviewer_line", {{"who", rec.channel + ":" + rec.user_id}, {"role", RoleName(rec.role)}});
    }
    Say(r, text);
    return Status::Ok();
  }
  const ChatAddress& self = r.msg.staff_id;
  Role role = Role::kNone;
  if (!self.empty() && !stores_.roster->RoleOf(self.channel, self.id, &role).ok()) {
    // The roster cannot be read just now: nothing is changed or recorded, and the admin may retry.
    Say(r, Text("desk_error"));
    return Status::Ok();
  }
  if (role != Role::kAdmin) {
    Say(r, Text("desk_admin_only"));
    return Status::Ok();
  }
  auto [who, role_arg] = SplitFirst(r.rest);
  ChatAddress id;
  if (!ParseChatAddress(who, &id) || (sub != "tambah" && sub != "hapus")) {
    Say(r, Text("desk_usage"));
    return Status::Ok();
  }
  if (sub == "tambah") {
    Role new_role = ParseRole(Lower(role_arg)) == Role::kAdmin ? Role::kAdmin : Role::kReviewer;
    Status s = stores_.roster->AddReviewer({id.channel, id.id, new_role}, r.actor, r.now);
    if (!s.ok()) return s;
    Say(r, Text("desk_reviewer_added", {{"who", who}}));
    return Status::Ok();
  }
  Status s = stores_.roster->RemoveReviewer(id.channel, id.id, r.actor, r.now);
  if (!s.ok() && s.code() != Status::Code::kNotFound) return s;
  Say(r, Text("desk_reviewer_removed", {{"who", who}}));
  return Status::Ok();
}

Status Desk::Claim(Request& r) {
  return Done(r, stores_.tips->Claim(r.code, r.actor, r.now), "desk_claimed");
}

Status Desk::View(Request& r) {
  TipDetail d;
  Status s = stores_.tips->Get(r.code, r.now, &d);
  if (s.ok()) s = stores_.audit->Audit(r.actor, "view", r.code, "", r.now);
  if (!s.ok()) return Done(r, s, "");
  const TipSummary& t = d.summary;
  std::string text = Text(
      "desk_view",
      {{"code", t.code},
       {"overdue", t.overdue ? Text("desk_view_overdue") : ""},
       {"status", ToString(t.status)},
       {"claimed", t.claimed_by.empty() ? "" : Text("desk_view_claimed", {{"claimed_by", t.claimed_by}})},
       {"forwarded", t.forwarded_to.empty() ? "" : Text("desk_view_forwarded", {{"agency", t.forwarded_to}})},
       {"category", t.category},
       {"who", d.who},
       {"place", t.place},
       {"when", d.when},
       {"what", d.what}});
  Reply reply;
  for (const auto& e : d.evidence) {
    if (e.kind == "link") {
      text += "\n" + Text("desk_view_link", {{"url", e.ref}});
    } else if (!e.ref.empty()) {
      reply.media.push_back(e);
    } else {
      std::string state = e.mime_type == "flagged"  ? Text("desk_evidence_flagged")
                          : e.mime_type == "failed" ? Text("desk_evidence_failed")
                                                    : Text("desk_evidence_pending");
      text += "\n" + Text("desk_view_evidence", {{"kind", e.kind}, {"state", state}});
    }
  }
  for (size_t i = 0; i < reply.media.size(); ++i) {
    reply.media[i].caption = Text("desk_evidence_caption", {{"number", std::to_string(i + 1)},
                                                            {"count", std::to_string(reply.media.size())}});
  }
  text += "\n" + Text("desk_view_files", {{"count", std::to_string(reply.media.size())}});
  for (const auto& m : d.messages) {
    std::string who = m.direction == MessageDirection::kFromTipster ? Text("desk_from_tipster")
                      : m.direction == MessageDirection::kNote      ? Text("desk_note_by", {{"author", m.author}})
                                                    : Text("desk_to_tipster", {{"author", m.author}});
    text += "\n" + Text("desk_view_message", {{"who", who}, {"body", m.body}});
  }
  reply.text = std::move(text);
  r.replies->push_back(std::move(reply));
  return Status::Ok();
}

Status Desk::Note(Request& r) {
  if (r.rest.empty()) {
    Say(r, Text("desk_usage"));
    return Status::Ok();
  }
  return Done(r, stores_.tips->AddNote(r.code, r.actor, MaskPersonalData(r.rest), r.now), "desk_noted");
}

Status Desk::Ask(Request& r) {
  if (r.rest.empty()) {
    Say(r, Text("desk_usage"));
    return Status::Ok();
  }
  std::string route;
  std::string message = MaskPersonalData(r.rest);
  Status s = stores_.tips->MessageTipster(r.code, r.actor, message, r.now, &route);
  ChatAddress to;
  if (s.ok() && SplitChatAddress(route, &to)) {
    r.replies->push_back({Text("tipster_question", {{"code", r.code}, {"message", message}}), {}, {}, to});
  }
  return Done(r, s, route.empty() ? "desk_no_route" : "desk_asked");
}

Status Desk::SetStatus(Request& r) {
  if (r.rest.empty()) return View(r);
  auto [word, reason] = SplitFirst(r.rest);
  TipStatus status = TipStatus::kNew;
  if (!Parse(Lower(word), &status) || status == TipStatus::kNew) {  // a tip is never set back to new
    Say(r, Text("desk_usage"));
    return Status::Ok();
  }
  std::string route;
  Status s = stores_.tips->SetStatus(r.code, status, MaskPersonalData(reason), r.actor, r.now, &route);
  ChatAddress to;
  if (s.ok() && SplitChatAddress(route, &to)) {
    r.replies->push_back(
        {Text("tipster_status", {{"code", r.code}, {"status", TipStatusLabel(*texts_, ToString(status))}}), {}, {}, to});
  }
  return Done(r, s, "desk_status_set", {{"status", ToString(status)}});
}

Status Desk::Forward(Request& r) {
  static const std::map<std::string, std::string> agencies = {
      {"bkn", "BKN"}, {"bawaslu", "Bawaslu"}, {"inspektorat", "Inspektorat"}, {"bkd", "BKD"}};
  auto it = agencies.find(Lower(SplitFirst(r.rest).first));
  if (it == agencies.end()) {
    Say(r, Text("desk_usage"));
    return Status::Ok();
  }
  return Done(r, stores_.tips->Forward(r.code, it->second, r.actor, r.now), "desk_forwarded",
              {{"agency", it->second}});
}

}  // namespace netra
