#include "dialogs/desk.h"
#include "dialogs/template.h"
#include "base/text.h"

#include <sstream>

#include "dialogs/chat_address.h"
#include "privacy/redaction.h"
#include "dialogs/ticket_code.h"

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

std::string Age(int64_t seconds) {
  if (seconds < 3600) return std::to_string(seconds / 60) + " mnt";
  if (seconds < 86400) return std::to_string(seconds / 3600) + " jam";
  return std::to_string(seconds / 86400) + " hari";
}

}  // namespace

const std::set<std::string>& Desk::Commands() {
  static const std::set<std::string> commands = {"/antrian", "/ambil",     "/lihat",    "/catat",   "/tanya",
                                                 "/teruskan", "/cari",     "/statistik", "/reviewer"};
  return commands;
}

std::string Desk::StatusLabel(const std::string& status) {
  static const std::map<std::string, std::string> labels = {
      {"baru", "Diterima, menunggu ditinjau"}, {"diproses", "Sedang ditinjau petugas"},
      {"diteruskan", "Diteruskan ke instansi berwenang"}, {"selesai", "Selesai ditangani"},
      {"ditolak", "Tidak dapat ditindaklanjuti"}};
  auto it = labels.find(status);
  return it == labels.end() ? status : it->second;
}

std::string Desk::Text(const std::string& key, const std::map<std::string, std::string>& vars) const {
  auto it = texts_->find(key);
  return FillTemplate(it == texts_->end() ? key : it->second, vars);
}

std::string Desk::FormatSummary(const TipSummary& t, int64_t now) const {
  std::string line = std::string(t.overdue ? "⚠️ " : "• ") + t.code + " · " + Age(now - t.created_at) + " · " +
                     t.category + " · " + Utf8PrefixWithEllipsis(t.place, 40) + " · " + t.status;
  if (!t.claimed_by.empty()) line += " · " + t.claimed_by;
  if (t.overdue) line += " · TERLAMBAT";
  return line;
}

Status Desk::NotifyReviewers(const std::string& text_key, const std::map<std::string, std::string>& vars,
                             std::vector<Reply>* replies) {
  std::vector<ReviewerRecord> reviewers;
  Status s = store_->ListReviewers(&reviewers);
  if (!s.ok()) return s;
  for (const auto& r : reviewers) replies->push_back({Text(text_key, vars), {}, {}, ChatAddress{r.channel, r.user_id}});
  return Status::Ok();
}

Status Desk::Handle(const InboundMessage& msg, const std::string& command, const std::string& arg,
                    std::vector<Reply>* replies) {
  const std::string actor = msg.staff_id.ToString();
  const int64_t now = clock_->NowSeconds();
  auto say = [&](const std::string& text) { replies->push_back({text, {}, {}}); };
  auto [first, rest] = SplitFirst(arg);
  // As typed, when it cannot be a code: the "not found" reply then shows what the reviewer wrote.
  std::string code = NormalizeTicketCode(first);
  if (code.empty()) code = Upper(first);
  Status s;
  auto done = [&](const std::string& key, std::map<std::string, std::string> vars = {}) {
    vars["code"] = code;
    if (s.code() == Status::Code::kNotFound) {
      say(Text("desk_not_found", {{"code", code}}));
      return Status::Ok();
    }
    if (!s.ok()) return s;
    say(Text(key, vars));
    return Status::Ok();
  };

  if (command == "/antrian") {
    std::vector<TipSummary> queue;
    s = store_->Queue(Lower(first), now, &queue);
    if (!s.ok()) return s;
    if (queue.empty()) {
      say(Text("desk_queue_empty"));
      return Status::Ok();
    }
    std::string text = "Antrian (" + std::to_string(queue.size()) + "):";
    for (const auto& t : queue) text += "\n" + FormatSummary(t, now);
    say(text);
    return store_->Audit(actor, "queue", "", first, now);
  }
  if (command == "/cari") {
    if (arg.empty()) return say(Text("desk_usage")), Status::Ok();
    std::vector<TipSummary> found;
    s = store_->Search(arg, &found);
    if (!s.ok()) return s;
    std::string text = found.empty() ? Text("desk_no_results") : "Hasil (" + std::to_string(found.size()) + "):";
    for (const auto& t : found) text += "\n" + FormatSummary(t, now);
    say(text);
    return store_->Audit(actor, "search", "", arg, now);
  }
  if (command == "/statistik") {
    std::vector<std::string> lines;
    s = store_->Statistics(&lines);
    if (!s.ok()) return s;
    std::string text = "📊 Statistik laporan";
    for (const auto& l : lines) text += "\n" + l;
    say(text);
    return store_->Audit(actor, "statistics", "", "", now);
  }
  if (command == "/reviewer") {
    std::string role = store_->RoleOf(msg.staff_id.channel, msg.staff_id.id);
    std::string sub = Lower(first);
    if (sub == "daftar" || sub.empty()) {
      std::vector<ReviewerRecord> all;
      s = store_->ListReviewers(&all);
      if (!s.ok()) return s;
      std::string text = "Peninjau:";
      for (const auto& r : all) text += "\n• " + ChatAddress{r.channel, r.user_id}.ToString() + " (" + r.role + ")";
      say(text);
      return Status::Ok();
    }
    if (role != "admin") return say(Text("desk_admin_only")), Status::Ok();
    auto [who, role_arg] = SplitFirst(rest);
    ChatAddress id;
    if (!ParseChatAddress(who, &id)) return say(Text("desk_usage")), Status::Ok();
    if (sub == "tambah") {
      s = store_->AddReviewer({id.channel, id.id, Lower(role_arg) == "admin" ? "admin" : "reviewer"}, actor, now);
      if (!s.ok()) return s;
      return say(Text("desk_reviewer_added", {{"who", who}})), Status::Ok();
    }
    if (sub == "hapus") {
      s = store_->RemoveReviewer(id.channel, id.id, actor, now);
      if (!s.ok() && s.code() != Status::Code::kNotFound) return s;
      return say(Text("desk_reviewer_removed", {{"who", who}})), Status::Ok();
    }
    return say(Text("desk_usage")), Status::Ok();
  }

  // Every other command starts with a ticket code.
  if (first.empty()) return say(Text("desk_usage")), Status::Ok();
  if (command == "/ambil") {
    s = store_->Claim(code, actor, now);
    return done("desk_claimed");
  }
  if (command == "/lihat" || (command == "/status" && rest.empty())) {
    TipDetail d;
    s = store_->Get(code, now, &d);
    if (s.ok()) s = store_->Audit(actor, "view", code, "", now);
    if (!s.ok()) return done("");
    std::string text = "📄 Laporan " + d.summary.code + (d.summary.overdue ? " ⚠️ TERLAMBAT" : "") +
                       "\nStatus: " + d.summary.status +
                       (d.summary.claimed_by.empty() ? "" : " · ditangani " + d.summary.claimed_by) +
                       (d.summary.forwarded_to.empty() ? "" : " · diteruskan ke " + d.summary.forwarded_to) +
                       "\nJenis: " + d.summary.category + "\nSiapa: " + d.who + "\nTempat: " + d.summary.place +
                       "\nWaktu: " + d.when + "\nKejadian: " + d.what;
    Reply r;
    for (const auto& e : d.evidence) {
      if (e.kind == "link") {
        text += "\nTautan: " + e.ref;
      } else if (!e.ref.empty()) {
        r.media.push_back(e);
      } else {
        text += "\nBukti " + e.kind + ": " + (e.mime_type == "flagged" ? "format tidak dikenal, ditandai (tidak disimpan)"
                                              : e.mime_type == "failed" ? "gagal diunduh" : "sedang diunduh");
      }
    }
    text += "\nBukti berkas terlampir: " + std::to_string(r.media.size());
    for (const auto& m : d.messages) {
      std::string who = m.direction == "from_tipster" ? "Pelapor" : m.direction == "note" ? "Catatan " + m.author
                                                                                           : "Ke pelapor (" + m.author + ")";
      text += "\n— " + who + ": " + m.body;
    }
    r.text = text;
    replies->push_back(std::move(r));
    return Status::Ok();
  }
  if (command == "/catat") {
    if (rest.empty()) return say(Text("desk_usage")), Status::Ok();
    s = store_->AddNote(code, actor, MaskPersonalData(rest), now);
    return done("desk_noted");
  }
  if (command == "/tanya") {
    if (rest.empty()) return say(Text("desk_usage")), Status::Ok();
    std::string route;
    std::string message = MaskPersonalData(rest);
    s = store_->MessageTipster(code, actor, message, now, &route);
    ChatAddress to;
    if (s.ok() && SplitChatAddress(route, &to)) {
      replies->push_back({Text("tipster_question", {{"code", code}, {"message", message}}), {}, {}, to});
    }
    return done(route.empty() ? "desk_no_route" : "desk_asked");
  }
  if (command == "/status") {
    auto [status, reason] = SplitFirst(rest);
    status = Lower(status);
    static const std::set<std::string> allowed = {"diproses", "diteruskan", "selesai", "ditolak"};
    if (!allowed.count(status)) return say(Text("desk_usage")), Status::Ok();
    std::string route;
    s = store_->SetStatus(code, status, MaskPersonalData(reason), actor, now, &route);
    ChatAddress to;
    if (s.ok() && SplitChatAddress(route, &to)) {
      replies->push_back({Text("tipster_status", {{"code", code}, {"status", StatusLabel(status)}}), {}, {}, to});
    }
    return done("desk_status_set", {{"status", status}});
  }
  if (command == "/teruskan") {
    static const std::map<std::string, std::string> agencies = {
        {"bkn", "BKN"}, {"bawaslu", "Bawaslu"}, {"inspektorat", "Inspektorat"}, {"bkd", "BKD"}};
    auto it = agencies.find(Lower(SplitFirst(rest).first));
    if (it == agencies.end()) return say(Text("desk_usage")), Status::Ok();
    s = store_->Forward(code, it->second, actor, now);
    return done("desk_forwarded", {{"agency", it->second}});
  }
  return say(Text("desk_usage")), Status::Ok();
}

}  // namespace netra
