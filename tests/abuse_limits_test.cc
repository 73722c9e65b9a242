// Limits against abuse that keep real users served: ticket-code guessing (red team L4) and a flood
// that fills the hourly intake (red team M4) without costing a genuine tipster their report.
#include "tests/dialog_harness.h"

namespace netra {
namespace {

using testing::DialogHarness;

bool Contains(const std::vector<Reply>& replies, const std::string& needle) {
  return DialogHarness::AllText(replies).find(needle) != std::string::npos;
}

std::string FileTip(DialogHarness& h, const std::string& user) {
  h.FillTip(user, {"fasilitas", "Kepala Bagian Umum", "Kab. Gunungkidul", "kemarin",
                   "Mobil dinas dipakai mengangkut spanduk paslon ke posko."});
  return DialogHarness::TicketCode(h.Press("kirim", user));
}

TEST(AbuseLimitsTest, GuessingTicketCodesIsSlowedPerPerson) {
  DialogHarness h;
  std::string code = FileTip(h, "tipster");
  ASSERT_FALSE(code.empty());
  for (int i = 0; i < 10; ++i) {
    auto r = h.Say("/status AAAA-BBBB-CC" + std::to_string(10 + i), "guesser");
    EXPECT_TRUE(Contains(r, "tidak dikenal")) << i << DialogHarness::AllText(r);
  }
  // The eleventh lookup in the hour is refused, even for a real code.
  auto refused = h.Say("/status " + code, "guesser");
  EXPECT_TRUE(Contains(refused, "Terlalu banyak kode tiket")) << DialogHarness::AllText(refused);
  EXPECT_FALSE(Contains(refused, "Status:"));
  // Someone else is not affected, and the guesser may try again in the next hour.
  EXPECT_TRUE(Contains(h.Say("/status " + code, "tipster"), "Status:"));
  h.clock_.Advance(3600);
  EXPECT_TRUE(Contains(h.Say("/status " + code, "guesser"), "Status:"));
  // The counter names no person and no code.
  EXPECT_EQ(h.db_->sql().execAndGet("SELECT COUNT(*) FROM status_miss WHERE instr(bucket, 'guesser') > 0 OR "
                                    "instr(bucket, 'AAAA') > 0").getInt(),
            0);
}

TEST(AbuseLimitsTest, FullHourlyIntakeKeepsTheDraftAndSaysSo) {
  DialogHarness h;
  h.tip_options_.global_limit_per_hour = 2;
  h.Open();
  ASSERT_FALSE(FileTip(h, "a").empty());
  ASSERT_FALSE(FileTip(h, "b").empty());
  h.clock_.Advance(3500);  // both still count towards the last hour
  h.FillTip("genuine", {"kampanye", "Camat Sukamaju", "Kec. Sukamaju", "kemarin",
                        "Camat mengumpulkan kepala desa untuk mendukung calon nomor dua."});
  auto r = h.Press("kirim", "genuine");
  EXPECT_TRUE(Contains(r, "tidak hilang")) << DialogHarness::AllText(r);
  EXPECT_FALSE(Contains(r, "besok"));
  EXPECT_EQ(h.State("genuine"), "tip.summary");
  h.clock_.Advance(200);  // the hour has slid past the flood; the draft is still there
  std::string code = DialogHarness::TicketCode(h.Press("kirim", "genuine"));
  ASSERT_FALSE(code.empty());
  SQLite::Statement st(h.db_->sql(), "SELECT who FROM tip WHERE code = ?");
  st.bind(1, code);
  ASSERT_TRUE(st.executeStep());
  EXPECT_EQ(st.getColumn(0).getString(), "Camat Sukamaju");
}

// The tip store's ResourceExhausted (one tipster's daily limit) reaches the tipster as tip.limited.
TEST(AbuseLimitsTest, DailyLimitPerTipsterSaysComeBackTomorrow) {
  DialogHarness h;
  h.tip_options_.daily_limit_per_user = 1;
  h.Open();
  ASSERT_FALSE(FileTip(h, "tipster").empty());
  h.FillTip("tipster", {"kampanye", "Camat Sukamaju", "Kec. Sukamaju", "kemarin",
                        "Camat mengumpulkan kepala desa untuk mendukung calon nomor dua."});
  auto r = h.Press("kirim", "tipster");
  EXPECT_TRUE(Contains(r, "besok")) << DialogHarness::AllText(r);
  EXPECT_TRUE(DialogHarness::TicketCode(r).empty());
  EXPECT_EQ(h.db_->sql().execAndGet("SELECT COUNT(*) FROM tip").getInt(), 1);
  EXPECT_FALSE(FileTip(h, "someone-else").empty()) << "the limit is per tipster";
}

}  // namespace
}  // namespace netra
