#include "dialogs/tip_types.h"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

namespace netra {
namespace {

// Every value has its own stored word, and the word reads back as that value.
template <class E>
void ExpectRoundTrip(const std::vector<std::pair<E, std::string>>& table) {
  std::set<std::string> words;
  for (const auto& [value, word] : table) {
    EXPECT_EQ(ToString(value), word);
    E parsed{};
    ASSERT_TRUE(Parse(word, &parsed)) << word;
    EXPECT_EQ(parsed, value) << word;
    words.insert(word);
  }
  EXPECT_EQ(words.size(), table.size());
}

// The words are the database's; changing one would need a migration.
TEST(TipTypesTest, StoredWordsRoundTrip) {
  ExpectRoundTrip<TipStatus>({{TipStatus::kNew, "baru"},
                              {TipStatus::kInReview, "diproses"},
                              {TipStatus::kForwarded, "diteruskan"},
                              {TipStatus::kDone, "selesai"},
                              {TipStatus::kRejected, "ditolak"}});
  ExpectRoundTrip<EvidenceStatus>({{EvidenceStatus::kLink, "link"},
                                   {EvidenceStatus::kPending, "pending"},
                                   {EvidenceStatus::kStored, "stored"},
                                   {EvidenceStatus::kFlagged, "flagged"},
                                   {EvidenceStatus::kFailed, "failed"}});
  ExpectRoundTrip<MessageDirection>({{MessageDirection::kToTipster, "to_tipster"},
                                     {MessageDirection::kFromTipster, "from_tipster"},
                                     {MessageDirection::kNote, "note"}});
}

TEST(TipTypesTest, UnknownWordsAreRefusedAndLeaveTheValue) {
  for (const char* word : {"", "Baru", "baru ", "closed", "to-tipster", "PENDING"}) {
    TipStatus t = TipStatus::kDone;
    EvidenceStatus e = EvidenceStatus::kStored;
    MessageDirection d = MessageDirection::kNote;
    EXPECT_FALSE(Parse(word, &t)) << word;
    EXPECT_FALSE(Parse(word, &e)) << word;
    EXPECT_FALSE(Parse(word, &d)) << word;
    EXPECT_EQ(t, TipStatus::kDone);
    EXPECT_EQ(e, EvidenceStatus::kStored);
    EXPECT_EQ(d, MessageDirection::kNote);
  }
}

}  // namespace
}  // namespace netra
