// Red team H3 and H5 through the dialog engine: a place whose en dash straddles byte 40 no longer
// breaks the reviewer queue, and 32,000-character messages at the date and evidence steps are
// refused or handled without crashing.
#include <chrono>

#include <nlohmann/json.hpp>

#include "base/text.h"
#include "tests/dialog_harness.h"

namespace netra {
namespace {

using testing::DialogHarness;

class TextSafetyTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(h_.desk_->AddReviewer({"telegram", "9001", Role::kAdmin}, "test", 0).ok()); }

  // Every reply is valid UTF-8 and survives JSON serialisation (what Outbox::Enqueue does).
  static void ExpectSendable(const std::vector<Reply>& replies, const std::string& what) {
    for (const auto& r : replies) {
      EXPECT_TRUE(IsValidUtf8(r.text)) << what;
      EXPECT_NO_THROW(nlohmann::json({{"text", r.text}}).dump()) << what;
    }
  }

  DialogHarness h_;
};

TEST_F(TextSafetyTest, PlaceWithDashAtByte40KeepsTheQueueWorking) {
  const std::string place = "Lapangan Desa Sukamaju, Kec. Cibinong – Kab. Bogor";
  ASSERT_EQ(place.substr(38, 3), "–");  // the dash covers bytes 38–40: a cut at 40 splits it
  h_.FillTip("u1", {"fasilitas", "Camat Sukamaju", place, "kemarin",
                    "Camat memakai mobil dinas untuk mengangkut spanduk paslon ke posko."});
  std::string code = DialogHarness::TicketCode(h_.Press("kirim", "u1"));
  ASSERT_FALSE(code.empty());
  for (const std::string command : {"/antrian", "/antrian baru", "/cari Sukamaju", "/cari cibinong"}) {
    auto replies = h_.Review(command);
    ExpectSendable(replies, command);
    std::string all = DialogHarness::AllText(replies);
    EXPECT_NE(all.find(code), std::string::npos) << command << ": " << all;
    if (command.rfind("/antrian", 0) == 0) {
      EXPECT_NE(all.find("Lapangan Desa Sukamaju, Kec. Cibinong –…"), std::string::npos) << all;
    }
  }
  ExpectSendable(h_.Review("/lihat " + code), "/lihat");
}

TEST_F(TextSafetyTest, HugeDateAnswerIsRefusedQuickly) {
  h_.Say("/lapor");
  h_.Press("lanjut");
  h_.Press("fasilitas");
  h_.Say("Camat Sukamaju");
  h_.Say("Kab. Bogor");
  ASSERT_EQ(h_.State(), "tip.when");
  auto start = std::chrono::steady_clock::now();
  auto replies = h_.Say("kemarin" + std::string(32000, ' ') + "x");
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
  EXPECT_LT(ms.count(), 1000);
  EXPECT_EQ(h_.State(), "tip.when");
  ExpectSendable(replies, "date");
}

TEST_F(TextSafetyTest, HugeLinkAtTheEvidenceStepDoesNotCrash) {
  h_.Say("/lapor");
  h_.Press("lanjut");
  h_.Press("fasilitas");
  h_.Say("Camat Sukamaju");
  h_.Say("Kab. Bogor");
  h_.Say("kemarin");
  h_.Say("Camat memakai mobil dinas untuk mengangkut spanduk paslon ke posko.");
  ASSERT_EQ(h_.State(), "tip.evidence");
  auto start = std::chrono::steady_clock::now();
  ExpectSendable(h_.Say("https://" + std::string(32000, 'a')), "link");
  ExpectSendable(h_.Say(std::string(32000, 'x') + " https://www.instagram.com/p/C8xYz12AbCd/?igsh=MWd2dGx5"), "link");
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
  EXPECT_LT(ms.count(), 1000);
  EXPECT_EQ(h_.State(), "tip.evidence");
  auto summary = DialogHarness::AllText(h_.Press("selesai"));
  EXPECT_EQ(summary.find("igsh"), std::string::npos) << summary;
}

}  // namespace
}  // namespace netra
