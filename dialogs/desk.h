// Desk: the reviewers' chat commands (/antrian, /ambil, /lihat, /catat, /tanya, /status,
// /teruskan, /cari, /statistik, /reviewer, /bantuan), dispatched through one table. Every action
// is audit-logged by the store; messages to a tipster go out through the sealed return route,
// never revealing who the tipster is. Every sentence comes from the scripts' texts.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "base/clock.h"
#include "dialogs/desk_store.h"
#include "dialogs/message.h"

namespace netra {

using Texts = std::map<std::string, std::string>;

class Desk {
 public:
  // `texts` are the script's texts (desk_*, tipster_*, reviewer_*, status_label_*).
  Desk(DeskStores stores, const Texts* texts, const Clock* clock) : stores_(stores), texts_(texts), clock_(clock) {}

  // True when `command` ("/antrian") is in the desk's table.
  static bool IsCommand(const std::string& command);
  // The desk commands that no script may define: a script command of the same name would be
  // shadowed for reviewers and denied to everyone else. (/tanya, /status and /bantuan are shared:
  // reviewers get the desk's, everyone else the script's.)
  static std::set<std::string> DeskOnlyCommands();

  // Handles a desk command from a reviewer (msg.staff_id set). Returns OK on success (also when
  // the reviewer is told the input was wrong); the storage error otherwise.
  Status Handle(const InboundMessage& msg, const std::string& command, const std::string& arg,
                std::vector<Reply>* replies);

  // Messages to every reviewer (e.g. a new tip: code and category only). Returns OK on success;
  // the storage error otherwise.
  Status NotifyReviewers(const std::string& text_key, const Texts& vars, std::vector<Reply>* replies);

 private:
  struct Request;  // one command being handled
  struct Entry {
    Status (Desk::*run)(Request&);
    bool needs_code;  // the first word is a ticket code
    bool shared;      // a script may define a command of the same name for everyone else
  };
  static const std::map<std::string, Entry>& Table();

  Status Help(Request& r);
  Status Queue(Request& r);
  Status Search(Request& r);
  Status Stats(Request& r);
  Status Reviewer(Request& r);
  Status Claim(Request& r);
  Status View(Request& r);
  Status Note(Request& r);
  Status Ask(Request& r);
  Status SetStatus(Request& r);  // without a new status: View
  Status Forward(Request& r);

  // Replies `key` (with {code}) after a change: desk_not_found for NotFound. Returns OK, or the
  // storage error `s` carries.
  Status Done(Request& r, const Status& s, const std::string& key, Texts vars = {});
  void Say(Request& r, std::string text) const;
  std::string Text(const std::string& key, const Texts& vars = {}) const;
  std::string FormatSummary(const TipSummary& t, int64_t now) const;
  std::string FormatList(const std::string& title_key, const std::vector<TipSummary>& tips, int64_t now) const;

  DeskStores stores_;
  const Texts* texts_;
  const Clock* clock_;
};

// The tipster's words for a tip status ("diproses" -> "Sedang ditinjau petugas"), from the texts
// status_label_<status>; the status itself when there is none.
std::string TipStatusLabel(const Texts& texts, const std::string& status);

// The reviewers' daily digest of the overdue tips among `open` (codes, categories and statuses
// only), from the texts digest and digest_line; "" when none is overdue.
std::string OverdueDigest(const Texts& texts, const std::vector<TipSummary>& open);

}  // namespace netra
