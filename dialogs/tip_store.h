// TipStore: where sent tips go. The tip carries no link to its tipster but its ticket code.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/status.h"
#include "dialogs/message.h"
#include "dialogs/tip_types.h"

namespace netra {

struct TipDraft {
  std::string channel;  // where the evidence files are to be fetched from
  std::string category;
  std::string who;
  std::string where;
  std::string when;     // ISO date
  std::string what;
  std::vector<MediaRef> evidence;
  std::vector<std::string> links;
};

struct TipStatusView {
  std::string code;
  TipStatus status = TipStatus::kNew;
  int64_t updated_at = 0;
  std::vector<std::string> messages_to_tipster;  // reviewers' questions and notices, oldest first
  bool awaiting_answer = false;                  // a reviewer's question is open
};

class TipStore {
 public:
  virtual ~TipStore() = default;
  // Files a tip. `return_route` is how to reach the tipster again (sealed by the store, never
  // stored in clear); empty when none. Returns OK and sets *code on success; ResourceExhausted
  // when this tipster's daily limit is hit; Unavailable when the hourly intake of all tips is full
  // (the same draft may be sent later); the storage error otherwise.
  virtual Status CreateTip(const TipDraft& draft, const std::string& user_key, const std::string& return_route,
                           int64_t now, std::string* code) = 0;
  // Returns OK and fills *view on success; NotFound for an unknown code; the storage error otherwise.
  virtual Status GetStatus(const std::string& code, TipStatusView* view) = 0;
  // Unknown codes `user_key` has looked up in the current hour, plus `add` (1 after a miss, 0 to
  // only read). Ticket codes are the tipster's only credential, so guessing must stay slow.
  // Returns OK and sets *misses; the storage error otherwise.
  virtual Status CountUnknownCodes(const std::string& user_key, int64_t now, int add, int* misses) = 0;
  // Adds the tipster's answer to a reviewer's question. Returns OK on success; NotFound for an
  // unknown code; the storage error otherwise.
  virtual Status AddTipsterMessage(const std::string& code, const std::string& text, int64_t now) = 0;
};

}  // namespace netra
