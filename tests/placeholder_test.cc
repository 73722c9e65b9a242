// Red team C1: text a user types that looks like a template placeholder ("{who}", "{summary}") is
// shown back as typed, never expanded again (it used to loop forever holding the update lock).
#include "tests/dialog_harness.h"

namespace netra {
namespace {

using testing::DialogHarness;

TEST(PlaceholderTest, TipFieldsNamingPlaceholdersAreFiledAsTyped) {
  DialogHarness h;
  const std::vector<std::string> names = {"who", "where", "when", "what", "summary", "code", "count", "max", "min"};
  std::string who = "Pak", what = "Kejadian:";
  for (const auto& n : names) {
    who += " {" + n + "}";
    what += " {" + n + "}";
  }
  who += " dari dinas";
  what += " dan ajakan memilih paslon di kantor kelurahan.";
  h.FillTip("u1", {"kampanye", who, "Lapangan {where} {summary}", "kemarin", what});
  ASSERT_EQ(h.State(), "tip.summary");
  auto sent = h.Press("kirim");
  std::string code = DialogHarness::TicketCode(sent);
  ASSERT_FALSE(code.empty()) << DialogHarness::AllText(sent);
  SQLite::Statement st(h.db_->sql(), "SELECT who, place, what FROM tip WHERE code = ?");
  st.bind(1, code);
  ASSERT_TRUE(st.executeStep());
  EXPECT_EQ(st.getColumn(0).getString(), who);
  EXPECT_EQ(st.getColumn(1).getString(), "Lapangan {where} {summary}");
  EXPECT_EQ(st.getColumn(2).getString(), what);
}

TEST(PlaceholderTest, SummaryShowsPlaceholderTextVerbatim) {
  DialogHarness h;
  h.Say("/lapor");
  h.Press("lanjut");
  h.Press("kampanye");
  h.Say("Pak {who} dari dinas");
  h.Say("Balai {summary}");
  h.Say("kemarin");
  h.Say("Camat {what} mengajak warga memilih calon nomor satu.");
  std::string summary = DialogHarness::AllText(h.Press("lewati"));
  EXPECT_NE(summary.find("• Siapa: Pak {who} dari dinas"), std::string::npos) << summary;
  EXPECT_NE(summary.find("• Tempat: Balai {summary}"), std::string::npos) << summary;
  EXPECT_NE(summary.find("• Kejadian: Camat {what} mengajak"), std::string::npos) << summary;
  EXPECT_EQ(h.State(), "tip.summary");
}

class PlaceholderDeskTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(h_.desk_->AddReviewer({"telegram", "9001", Role::kAdmin}, "test", 0).ok()); }
  DialogHarness h_;
};

TEST_F(PlaceholderDeskTest, ReviewerQuestionNamingAPlaceholderIsRelayedAsTyped) {
  h_.FillTip("u1", {"fasilitas", "Kepala Bagian Umum", "Kab. Gunungkidul", "kemarin",
                    "Mobil dinas dipakai mengangkut spanduk paslon ke posko."});
  std::string code = DialogHarness::TicketCode(h_.Press("kirim"));
  ASSERT_FALSE(code.empty());
  const std::string question = "Mohon jelaskan {message} dan {code} serta {reason} {status}";
  auto asked = h_.Review("/tanya " + code + " " + question);
  bool relayed = false;
  for (const auto& r : asked) {
    if (r.to != ChatAddress{"telegram", "chat-u1"}) continue;
    relayed = true;
    EXPECT_NE(r.text.find(question), std::string::npos) << r.text;
  }
  EXPECT_TRUE(relayed) << DialogHarness::AllText(asked);
  auto noted = h_.Review("/catat " + code + " catatan {message} {code}");
  EXPECT_FALSE(DialogHarness::AllText(noted).empty());
}

}  // namespace
}  // namespace netra
