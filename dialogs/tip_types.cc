#include "dialogs/tip_types.h"

#include <utility>

namespace netra {
namespace {

template <class E, size_t N>
std::string Word(const std::pair<E, const char*> (&table)[N], E value) {
  for (const auto& [e, word] : table) {
    if (e == value) return word;
  }
  return "";
}

template <class E, size_t N>
bool Lookup(const std::pair<E, const char*> (&table)[N], std::string_view word, E* out) {
  for (const auto& [e, w] : table) {
    if (word == w) {
      *out = e;
      return true;
    }
  }
  return false;
}

const std::pair<TipStatus, const char*> kTipStatus[] = {
    {TipStatus::kNew, "baru"},           {TipStatus::kInReview, "diproses"}, {TipStatus::kForwarded, "diteruskan"},
    {TipStatus::kDone, "selesai"},       {TipStatus::kRejected, "ditolak"},
};
const std::pair<EvidenceStatus, const char*> kEvidenceStatus[] = {
    {EvidenceStatus::kLink, "link"},       {EvidenceStatus::kPending, "pending"}, {EvidenceStatus::kStored, "stored"},
    {EvidenceStatus::kFlagged, "flagged"}, {EvidenceStatus::kFailed, "failed"},
};
const std::pair<MessageDirection, const char*> kDirection[] = {
    {MessageDirection::kToTipster, "to_tipster"},
    {MessageDirection::kFromTipster, "from_tipster"},
    {MessageDirection::kNote, "note"},
};

}  // namespace

std::string ToString(TipStatus status) { return Word(kTipStatus, status); }
std::string ToString(EvidenceStatus status) { return Word(kEvidenceStatus, status); }
std::string ToString(MessageDirection direction) { return Word(kDirection, direction); }

bool Parse(std::string_view word, TipStatus* out) { return Lookup(kTipStatus, word, out); }
bool Parse(std::string_view word, EvidenceStatus* out) { return Lookup(kEvidenceStatus, word, out); }
bool Parse(std::string_view word, MessageDirection* out) { return Lookup(kDirection, word, out); }

}  // namespace netra
