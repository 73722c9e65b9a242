// TipDesk: the tip workflow as reviewers see it: the queue, one tip in full, and the changes they
// make (claim, note, message the tipster, status, referral). Every change is written together
// with its audit-log entry.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/status.h"
#include "dialogs/message.h"
#include "dialogs/tip_types.h"

namespace netra {

struct TipSummary {
  std::string code, category, place, claimed_by, forwarded_to;
  TipStatus status = TipStatus::kNew;
  int64_t created_at = 0, updated_at = 0;
  bool overdue = false;  // not claimed within 24 hours, or no update for 3 days while open
};

struct TipMessageView {
  MessageDirection direction = MessageDirection::kNote;
  std::string author;     // reviewer, or "" for the tipster
  std::string body;
  int64_t at = 0;
};

struct TipDetail {
  TipSummary summary;
  std::string who, when, what;
  // kind "link": the URL in ref. Files: ref is the stored (metadata-free) file's path, or "" while
  // it is not stored, with mime_type then saying why ("pending", "flagged", "failed").
  std::vector<MediaRef> evidence;
  std::vector<TipMessageView> messages;
};

class TipDesk {
 public:
  virtual ~TipDesk() = default;

  // Open tips oldest first (status "" = every open status). Returns OK on success; the storage
  // error otherwise.
  virtual Status Queue(const std::string& status, int64_t now, std::vector<TipSummary>* out) = 0;
  // Returns OK and fills *out; NotFound for an unknown code; the storage error otherwise.
  virtual Status Get(const std::string& code, int64_t now, TipDetail* out) = 0;
  // Returns OK; NotFound for an unknown code; the storage error otherwise.
  virtual Status Claim(const std::string& code, const std::string& actor, int64_t now) = 0;
  // Returns OK; NotFound for an unknown code; the storage error otherwise.
  virtual Status AddNote(const std::string& code, const std::string& actor, const std::string& text, int64_t now) = 0;
  // Records a message for the tipster and returns the way to reach them in *route ("" when the
  // route is gone: closed or expired). Returns OK; NotFound for an unknown code.
  virtual Status MessageTipster(const std::string& code, const std::string& actor, const std::string& text,
                                int64_t now, std::string* route) = 0;
  // Changes the status; closing (selesai, ditolak) deletes the return route after handing it back
  // in *route for one last notice. Returns OK; NotFound for an unknown code.
  virtual Status SetStatus(const std::string& code, TipStatus status, const std::string& reason,
                           const std::string& actor, int64_t now, std::string* route) = 0;
  // Records a referral. Returns OK; NotFound for an unknown code; the storage error otherwise.
  virtual Status Forward(const std::string& code, const std::string& agency, const std::string& actor,
                         int64_t now) = 0;
  // Tips whose text holds `word`, newest first. Returns OK; the storage error otherwise.
  virtual Status Search(const std::string& word, std::vector<TipSummary>* out) = 0;
};

}  // namespace netra
