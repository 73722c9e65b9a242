// Desk: the reviewers' chat commands (/antrian, /ambil, /lihat, /catat, /tanya, /status,
// /teruskan, /cari, /statistik, /reviewer). Every action is audit-logged by the store; messages
// to a tipster go out through the sealed return route, never revealing who the tipster is.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "base/clock.h"
#include "dialogs/desk_store.h"
#include "dialogs/message.h"

namespace netra {

class Desk {
 public:
  // `texts` are the script's texts (desk_*, tipster_*, reviewer_*).
  Desk(DeskStore* store, const std::map<std::string, std::string>* texts, const Clock* clock)
      : store_(store), texts_(texts), clock_(clock) {}

  // The commands only reviewers may use.
  static const std::set<std::string>& Commands();

  // Handles a desk command from a reviewer (msg.staff_id set). Returns OK on success; the storage
  // error otherwise.
  Status Handle(const InboundMessage& msg, const std::string& command, const std::string& arg,
                std::vector<Reply>* replies);

  // Messages to every reviewer (e.g. a new tip: code and category only).
  Status NotifyReviewers(const std::string& text_key, const std::map<std::string, std::string>& vars,
                         std::vector<Reply>* replies);

  static std::string StatusLabel(const std::string& status);

 private:
  std::string Text(const std::string& key, const std::map<std::string, std::string>& vars = {}) const;
  std::string FormatSummary(const TipSummary& t, int64_t now) const;

  DeskStore* store_;
  const std::map<std::string, std::string>* texts_;
  const Clock* clock_;
};

}  // namespace netra
