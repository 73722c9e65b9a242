// The reviewer desk through the dialog engine: roles, the queue, relay both ways, closing, the
// audit chain.
#include <regex>

#include "storage/audit_chain.h"
#include "tests/dialog_harness.h"

namespace netra {
namespace {

using testing::DialogHarness;

std::string All(const std::vector<Reply>& replies) { return DialogHarness::AllText(replies); }

std::string FileTip(DialogHarness& h, const std::string& user, std::vector<Reply>* notices = nullptr) {
  h.FillTip(user, {"fasilitas", "Kepala Bagian Umum Setda", "Kab. Gunungkidul, pendopo", "kemarin",
                   "Mobil dinas dipakai mengangkut spanduk paslon ke posko pemenangan."});
  auto r = h.Press("kirim", user);
  if (notices) *notices = r;
  return DialogHarness::TicketCode(r);
}

class DeskTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(h_.desk_->AddReviewer({"telegram", "9001", Role::kAdmin}, "test", 0).ok());
    ASSERT_TRUE(h_.desk_->AddReviewer({"telegram", "9002", Role::kReviewer}, "test", 0).ok());
  }
  DialogHarness h_;
};

int AuditRows(DialogHarness& h, const std::string& action) {
  SQLite::Statement st(h.db_->sql(), "SELECT COUNT(*) FROM audit_log WHERE action = ?");
  st.bind(1, action);
  st.executeStep();
  return st.getColumn(0).getInt();
}

TEST_F(DeskTest, NonReviewerGetsTheMenuAndTheAttemptIsAudited) {
  // Desk-only commands: the script has none of them, so anyone else is refused and recorded.
  ASSERT_TRUE(Desk::DeskOnlyCommands().count("/antrian"));
  ASSERT_FALSE(h_.script_.commands.count("/antrian"));
  auto r = h_.Say("/antrian");
  EXPECT_EQ(h_.State(), "menu");
  EXPECT_EQ(All(r).find("Antrian"), std::string::npos);
  EXPECT_NE(All(r).find("tidak saya kenal"), std::string::npos);
  SQLite::Statement st(h_.db_->sql(), "SELECT actor, action, detail FROM audit_log WHERE action = 'desk_denied'");
  ASSERT_TRUE(st.executeStep());
  EXPECT_EQ(st.getColumn(0).getString(), "pseudonym:pseudo-u1");
  EXPECT_EQ(st.getColumn(2).getString(), "/antrian");
  for (const auto& command : Desk::DeskOnlyCommands()) h_.Say(command + " ABCD-EFGH-JKMN");
  EXPECT_EQ(AuditRows(h_, "desk_denied"), 1 + static_cast<int>(Desk::DeskOnlyCommands().size()));
}

// Bug: the desk's /tanya shadowed the script's, so citizens could not ask with it, and each
// attempt wrote a false desk_denied row.
TEST_F(DeskTest, CitizenTanyaAsksAQuestionAndIsNotAudited) {
  auto prompt = h_.Say("/tanya");
  EXPECT_EQ(h_.State(), "ask.prompt");
  EXPECT_NE(All(prompt).find("Silakan tulis pertanyaan Anda"), std::string::npos);
  auto answer = h_.Say("/tanya bolehkah pns ikut kampanye?", "u2");
  EXPECT_EQ(All(answer).find("tidak saya kenal"), std::string::npos);
  // The answerer's reply (an answer, or "Maksud Anda:" with choices), not the desk's.
  EXPECT_EQ(h_.State("u2"), "ask.after") << All(answer);
  EXPECT_TRUE(All(answer).find("Apakah jawaban ini membantu?") != std::string::npos ||
              All(answer).find("Maksud Anda") != std::string::npos)
      << All(answer);
  EXPECT_EQ(AuditRows(h_, "desk_denied"), 0);
}

TEST_F(DeskTest, ReviewerTanyaStillRelaysToTheTipster) {
  std::string code = FileTip(h_, "u1");
  auto asked = h_.Review("/tanya " + code + " Kapan kejadiannya?");
  bool relayed = false;
  for (const auto& r : asked) relayed |= (r.to == ChatAddress{"telegram", "chat-u1"}) && r.text.find("Kapan kejadiannya?") != std::string::npos;
  EXPECT_TRUE(relayed);
  EXPECT_NE(All(asked).find("Pertanyaan dikirim"), std::string::npos);
  EXPECT_EQ(AuditRows(h_, "ask_tipster"), 1);
  EXPECT_EQ(AuditRows(h_, "desk_denied"), 0);
}

// Bug: a roster that could not be read made a reviewer a citizen and wrote desk_denied.
TEST_F(DeskTest, UnreadableRosterAsksToTryAgainWithoutAuditRow) {
  InboundMessage m = h_.Message("reviewer-9001");
  m.text = "/antrian";
  m.role_unknown = true;  // what the webhook handler sets when RoleOf fails
  auto r = h_.Send(m);
  EXPECT_NE(All(r).find("Silakan coba lagi"), std::string::npos);
  EXPECT_EQ(AuditRows(h_, "desk_denied"), 0);

  // A real roster lookup that fails (the table is gone): RoleOf says so, and the admin check of
  // /reviewer asks to try again instead of refusing or changing anything.
  h_.db_->sql().exec("ALTER TABLE reviewer RENAME TO reviewer_elsewhere");
  Role role = Role::kAdmin;
  EXPECT_FALSE(h_.desk_->RoleOf("telegram", "9001", &role).ok());
  EXPECT_EQ(role, Role::kAdmin) << "unchanged on error";
  auto add = h_.Review("/reviewer tambah telegram:9100", "9001");
  EXPECT_NE(All(add).find("Silakan coba lagi"), std::string::npos);
  EXPECT_EQ(All(add).find("hanya untuk admin"), std::string::npos);
  EXPECT_EQ(AuditRows(h_, "reviewer_add"), 2);  // the two of SetUp only
  EXPECT_EQ(AuditRows(h_, "desk_denied"), 0);
}

TEST_F(DeskTest, NewTipIsAnnouncedByCodeAndCategoryOnly) {
  std::vector<Reply> notices;
  std::string code = FileTip(h_, "u1", &notices);
  ASSERT_FALSE(code.empty());
  int to_reviewers = 0;
  for (const auto& r : notices) {
    if (r.to.channel.empty()) continue;
    ++to_reviewers;
    EXPECT_TRUE((r.to == ChatAddress{"telegram", "9001"} || r.to == ChatAddress{"telegram", "9002"})) << r.to.ToString();
    EXPECT_NE(r.text.find(code), std::string::npos);
    EXPECT_NE(r.text.find("fasilitas"), std::string::npos);
    EXPECT_EQ(r.text.find("Setda"), std::string::npos) << "who is not in the notice";
    EXPECT_EQ(r.text.find("Gunungkidul"), std::string::npos);
  }
  EXPECT_EQ(to_reviewers, 2);
}

TEST_F(DeskTest, WorkATipFromQueueToClosingWithRelayBothWays) {
  std::string code = FileTip(h_, "u1");
  auto queue = h_.Review("/antrian");
  EXPECT_NE(All(queue).find(code), std::string::npos);
  EXPECT_NE(All(h_.Review("/ambil " + code)).find("Anda tangani"), std::string::npos);

  auto view = h_.Review("/lihat " + code);
  std::string text = All(view);
  EXPECT_NE(text.find("Kepala Bagian Umum Setda"), std::string::npos);
  EXPECT_NE(text.find("diproses"), std::string::npos);
  EXPECT_EQ(text.find("pseudo-u1"), std::string::npos);
  EXPECT_EQ(text.find("chat-u1"), std::string::npos);

  h_.Review("/catat " + code + " cek plat nomor ke bagian aset");
  // The reviewer asks; the question goes to the tipster's sealed route.
  auto asked = h_.Review("/tanya " + code + " Apakah ada foto plat nomornya?");
  bool relayed = false;
  for (const auto& r : asked) {
    if (r.to == ChatAddress{"telegram", "chat-u1"}) {
      relayed = true;
      EXPECT_NE(r.text.find("Apakah ada foto plat nomornya?"), std::string::npos);
    }
  }
  EXPECT_TRUE(relayed);
  // The tipster answers from another chat with the code alone.
  auto status = h_.Say("/status " + code, "u1-other-phone");
  EXPECT_NE(All(status).find("Apakah ada foto plat nomornya?"), std::string::npos);
  h_.Press("jawab", "u1-other-phone");
  auto answered = h_.Say("Ada, nanti saya kirim. Plat AB 1234 XY.", "u1-other-phone");
  bool reviewers_told = false;
  for (const auto& r : answered) reviewers_told |= (r.to == ChatAddress{"telegram", "9001"}) && r.text.find(code) != std::string::npos;
  EXPECT_TRUE(reviewers_told);
  EXPECT_NE(All(h_.Review("/lihat " + code)).find("Pelapor: Ada, nanti saya kirim."), std::string::npos);

  h_.Review("/teruskan " + code + " BKN");
  auto closed = h_.Review("/status " + code + " selesai sudah diteruskan ke BKN");
  bool tipster_told = false;
  for (const auto& r : closed) {
    if (r.to == ChatAddress{"telegram", "chat-u1"}) {
      tipster_told = true;
      EXPECT_NE(r.text.find("Selesai ditangani"), std::string::npos);
      EXPECT_EQ(r.text.find("BKN"), std::string::npos) << "the tipster gets neutral words only";
    }
  }
  EXPECT_TRUE(tipster_told);
  // Closing deleted the way back.
  std::string route;
  EXPECT_EQ(h_.tips_->OpenReturnRoute(code, &route).code(), Status::Code::kNotFound);
  auto late = h_.Review("/tanya " + code + " satu lagi?");
  for (const auto& r : late) EXPECT_TRUE(r.to.channel.empty());
  EXPECT_NE(All(late).find("jalur ke pelapor sudah tidak ada"), std::string::npos);

  int64_t entries = 0;
  EXPECT_TRUE(VerifyAuditChain(*h_.db_, h_.desk_->audit_key(), &entries).ok());
  EXPECT_GE(entries, 8);
}

TEST_F(DeskTest, OverdueTipsAreMarked) {
  std::string code = FileTip(h_, "u1");
  EXPECT_EQ(All(h_.Review("/antrian")).find("TERLAMBAT"), std::string::npos);
  h_.clock_.Advance(25 * 3600);
  EXPECT_NE(All(h_.Review("/antrian")).find("TERLAMBAT"), std::string::npos);
  h_.Review("/ambil " + code);
  EXPECT_EQ(All(h_.Review("/antrian")).find("TERLAMBAT"), std::string::npos);
  h_.clock_.Advance(4 * 24 * 3600);
  EXPECT_NE(All(h_.Review("/antrian diproses")).find("TERLAMBAT"), std::string::npos);
}

TEST_F(DeskTest, OnlyAdminsManageReviewers) {
  auto r = h_.Review("/reviewer tambah telegram:9100", "9002");
  EXPECT_NE(All(r).find("hanya untuk admin"), std::string::npos);
  r = h_.Review("/reviewer tambah telegram:9100", "9001");
  EXPECT_NE(All(r).find("ditambahkan"), std::string::npos);
  Role role = Role::kNone;
  ASSERT_TRUE(h_.desk_->RoleOf("telegram", "9100", &role).ok());
  EXPECT_EQ(role, Role::kReviewer);
  h_.Review("/reviewer hapus telegram:9100", "9001");
  ASSERT_TRUE(h_.desk_->RoleOf("telegram", "9100", &role).ok());
  EXPECT_EQ(role, Role::kNone);
}

TEST_F(DeskTest, SearchStatisticsAndBadInput) {
  std::string code = FileTip(h_, "u1");
  EXPECT_NE(All(h_.Review("/cari gunungkidul")).find(code), std::string::npos);
  auto stats = All(h_.Review("/statistik"));
  EXPECT_NE(stats.find("fasilitas: 1"), std::string::npos);
  EXPECT_NE(stats.find("Kab. Gunungkidul: 1"), std::string::npos);
  EXPECT_NE(All(h_.Review("/ambil ZZZZ-ZZZZ-ZZZZ")).find("tidak ditemukan"), std::string::npos);
  EXPECT_NE(All(h_.Review("/status " + code + " dibakar")).find("belum tepat"), std::string::npos);
  EXPECT_NE(All(h_.Review("/teruskan " + code + " KPK")).find("belum tepat"), std::string::npos);
  EXPECT_NE(All(h_.Review("/bantuan")).find("/antrian"), std::string::npos);
}

TEST_F(DeskTest, AuditChainDetectsEditsAndDeletions) {
  std::string code = FileTip(h_, "u1");
  h_.Review("/ambil " + code);
  h_.Review("/catat " + code + " satu");
  h_.Review("/catat " + code + " dua");
  int64_t n = 0;
  ASSERT_TRUE(VerifyAuditChain(*h_.db_, h_.desk_->audit_key(), &n).ok());
  h_.db_->sql().exec("UPDATE audit_log SET actor = 'someone else' WHERE id = 3");
  Status s = VerifyAuditChain(*h_.db_, h_.desk_->audit_key(), &n);
  EXPECT_EQ(s.code(), Status::Code::kCorruption);
  EXPECT_NE(s.message().find("entry 3"), std::string::npos);
}

TEST_F(DeskTest, AuditChainDetectsDeletedEntries) {
  std::string code = FileTip(h_, "u1");
  h_.Review("/ambil " + code);
  h_.Review("/catat " + code + " satu");
  h_.Review("/catat " + code + " dua");
  int64_t n = 0;
  h_.db_->sql().exec("DELETE FROM audit_log WHERE id = 2");
  EXPECT_EQ(VerifyAuditChain(*h_.db_, h_.desk_->audit_key(), &n).code(), Status::Code::kCorruption);
}

TEST_F(DeskTest, AuditChainDetectsTheNewestEntryDeleted) {
  std::string code = FileTip(h_, "u1");
  h_.Review("/ambil " + code);
  h_.Review("/catat " + code + " satu");
  int64_t n = 0;
  ASSERT_TRUE(VerifyAuditChain(*h_.db_, h_.desk_->audit_key(), &n).ok());
  h_.db_->sql().exec("DELETE FROM audit_log WHERE id = (SELECT MAX(id) FROM audit_log)");
  EXPECT_EQ(VerifyAuditChain(*h_.db_, h_.desk_->audit_key(), &n).code(), Status::Code::kCorruption);
}

TEST_F(DeskTest, ExpiredReturnRoutesArePurged) {
  std::string code = FileTip(h_, "u1");
  int64_t purged = 0;
  ASSERT_TRUE(h_.desk_->PurgeExpiredRoutes(h_.clock_.NowSeconds(), &purged).ok());
  EXPECT_EQ(purged, 0);
  ASSERT_TRUE(h_.desk_->PurgeExpiredRoutes(h_.clock_.NowSeconds() + 91 * 86400, &purged).ok());
  EXPECT_EQ(purged, 1);
  std::string route;
  EXPECT_EQ(h_.tips_->OpenReturnRoute(code, &route).code(), Status::Code::kNotFound);
}

// The files of a tip reach the reviewer with their captions, and those come from the scripts.
TEST_F(DeskTest, EvidenceFilesCarryNumberedCaptionsFromTheScripts) {
  h_.FillTip("u1", {"fasilitas", "Camat", "Kantor kecamatan", "kemarin", "Spanduk paslon di kantor."}, [&] {
    h_.Photo("tg-photo-1", "u1");
    h_.Photo("tg-photo-2", "u1");
  });
  std::string code = DialogHarness::TicketCode(h_.Press("kirim", "u1"));
  ASSERT_FALSE(code.empty());
  h_.db_->sql().exec("UPDATE tip_evidence SET status = 'stored', stored_path = '/evidence/' || id || '.jpg'");
  h_.script_.texts["desk_evidence_caption"] = "Berkas {number} dari {count}";  // the desk reads texts in place
  std::vector<std::string> captions;
  for (const auto& r : h_.Review("/lihat " + code)) {
    for (const auto& m : r.media) captions.push_back(m.caption);
  }
  EXPECT_EQ(captions, (std::vector<std::string>{"Berkas 1 dari 2", "Berkas 2 dari 2"}));
}

}  // namespace
}  // namespace netra
