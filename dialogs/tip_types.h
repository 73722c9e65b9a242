// The small vocabularies of a tip: its status, the state of an evidence file and the direction
// of a message. The stores keep them as the words below; code uses the enums.
#pragma once

#include <string>
#include <string_view>

namespace netra {

// Where a tip stands. Stored (and shown to reviewers) as baru, diproses, diteruskan, selesai, ditolak.
enum class TipStatus { kNew, kInReview, kForwarded, kDone, kRejected };

// An evidence item: a link, or a provider file waiting to be fetched, stored, flagged (an unknown
// format, neither kept nor forwarded) or failed (given up). Stored as link, pending, stored,
// flagged, failed.
enum class EvidenceStatus { kLink, kPending, kStored, kFlagged, kFailed };

// A message on a tip: to_tipster (a reviewer's question or notice), from_tipster (an answer),
// note (a reviewer's note for other reviewers).
enum class MessageDirection { kToTipster, kFromTipster, kNote };

// The stored word for each value.
std::string ToString(TipStatus status);
std::string ToString(EvidenceStatus status);
std::string ToString(MessageDirection direction);

// Returns true and sets *out when `word` is one of the stored words; false otherwise.
bool Parse(std::string_view word, TipStatus* out);
bool Parse(std::string_view word, EvidenceStatus* out);
bool Parse(std::string_view word, MessageDirection* out);

}  // namespace netra
