// End-to-end tests of every dialog flow through the engine, with a fake clock and real storage.
#include <random>
#include <regex>

#include "dialogs/script.h"
#include "base/text.h"
#include "tests/dialog_harness.h"

namespace netra {
namespace {

using testing::DialogHarness;

bool Contains(const std::vector<Reply>& replies, const std::string& needle) {
  return DialogHarness::AllText(replies).find(needle) != std::string::npos;
}

std::string TicketCode(const std::vector<Reply>& replies) { return DialogHarness::TicketCode(replies); }

// Walks a tip from /lapor to the summary, with a photo and a link as evidence.
void FileTipUpToSummary(DialogHarness& h, const std::string& user = "u1") {
  h.FillTip(user,
            {"medsos", "Budi, Kepala Seksi, Dinas Pendidikan", "Kab. Sleman, balai desa", "kemarin",
             "Mengunggah foto dukungan paslon nomor 2 di Instagram pribadinya."},
            [&] {
              h.Photo("file-abc", user);
              h.Say("https://instagram.com/p/xyz", user);
            });
}

TEST(DialogFlowTest, StartShowsGreetingAndMenu) {
  DialogHarness h;
  auto r = h.Say("/start");
  ASSERT_GE(r.size(), 2u);
  EXPECT_NE(r[0].text.find("selamat datang"), std::string::npos);
  EXPECT_EQ(r.back().buttons.size(), 4u);
  EXPECT_EQ(h.State(), "menu");
}

TEST(DialogFlowTest, QuestionGivesVerdictFirstThenFeedback) {
  DialogHarness h;
  h.Say("/start");
  auto r = h.Say("min sy pns boleh gak jadi timses paslon?");
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].text.rfind("⛔ Tidak boleh", 0), 0u) << r[0].text;
  EXPECT_NE(r[0].text.find("Dasar hukum"), std::string::npos);
  ASSERT_GE(r[0].buttons.size(), 3u);
  EXPECT_EQ(r[0].buttons[0].id.rfind("fb:up:", 0), 0u);
  // Feedback counts per entry, never per person.
  auto fb = h.Press(r[0].buttons[0].id);
  EXPECT_TRUE(Contains(fb, "Terima kasih"));
  EXPECT_EQ(h.db_->sql().execAndGet("SELECT SUM(helpful) FROM entry_feedback").getInt(), 1);
  // A related question's button shows that entry.
  // The verdict's legal text is one button away.
  EXPECT_EQ(r[0].buttons[2].id.rfind("law:", 0), 0u);
  // A forbidden act may have been seen: reporting it is one tap away.
  EXPECT_EQ(r[0].buttons[3].id, "lapor");
  const Button& related = r[0].buttons[4];
  ASSERT_EQ(related.id.rfind("entry:", 0), 0u);
  auto rel = h.Press(related.id);
  EXPECT_TRUE(Contains(rel, "Dasar hukum") || Contains(rel, "Informasi"));
  h.Press("lapor");
  EXPECT_EQ(h.State(), "tip.intro");
}

TEST(DialogFlowTest, FreeTextOutsideAFlowIsAQuestion) {
  DialogHarness h;
  auto r = h.Say("bolehkah asn memakai mobil dinas untuk kampanye?");
  EXPECT_TRUE(Contains(r, "Tidak boleh"));
  EXPECT_EQ(h.State(), "ask.after");
}

TEST(DialogFlowTest, DeclinedQuestionOffersTopicsAndIsKeptWithoutWhoAsked) {
  DialogHarness h;
  auto r = h.Say("resep rendang dong, hubungi 081234567890");
  ASSERT_FALSE(r.empty());
  EXPECT_TRUE(Contains(r, "Maaf"));
  EXPECT_EQ(r.back().buttons.back().id, "topics");
  auto topics = h.Press("topics");
  EXPECT_GE(topics.back().buttons.size(), 5u);
  SQLite::Statement st(h.db_->sql(), "SELECT example FROM unanswered_question");
  ASSERT_TRUE(st.executeStep());
  std::string example = st.getColumn(0).getString();
  EXPECT_EQ(example.find("081234567890"), std::string::npos);
  EXPECT_NE(example.find("[nomor telepon]"), std::string::npos);
}

TEST(DialogFlowTest, GreetingIsAnsweredAndShowsTheMenu) {
  DialogHarness h;
  auto r = h.Say("halo");
  EXPECT_FALSE(Contains(r, "Tidak boleh"));
  EXPECT_EQ(h.State(), "menu");
}

TEST(DialogFlowTest, TipFlowFilesATipWithACode) {
  DialogHarness h;
  FileTipUpToSummary(h);
  EXPECT_EQ(h.State(), "tip.summary");
  auto summary = h.Press("kirim");
  std::string code = TicketCode(summary);
  ASSERT_FALSE(code.empty()) << DialogHarness::AllText(summary);
  SQLite::Statement st(h.db_->sql(), "SELECT category, who, place, happened_on, what, status FROM tip WHERE code = ?");
  st.bind(1, code);
  ASSERT_TRUE(st.executeStep());
  EXPECT_EQ(st.getColumn(0).getString(), "medsos");
  EXPECT_EQ(st.getColumn(3).getString(), "2024-11-19");
  EXPECT_EQ(st.getColumn(5).getString(), "baru");
  EXPECT_EQ(h.db_->sql().execAndGet("SELECT COUNT(*) FROM tip_evidence").getInt(), 2);
  // The way back is sealed: the reply address is not in the handle table in clear.
  std::string route;
  ASSERT_TRUE(h.tips_->OpenReturnRoute(code, &route).ok());
  EXPECT_EQ(route, "telegram:chat-u1");  // the reply address, sealed as ChatAddress::ToString()
  EXPECT_EQ(h.db_->sql().execAndGet("SELECT COUNT(*) FROM tip_handle WHERE instr(sealed, 'chat-u1') > 0").getInt(), 0);
  // The draft is gone from the session.
  Session s;
  ASSERT_TRUE(h.sessions_->Load("pseudo-u1", &s).ok());
  EXPECT_FALSE(s.data.contains("what"));
  EXPECT_EQ(s.state, "menu");
}

TEST(DialogFlowTest, SummaryFieldsCanBeFixed) {
  DialogHarness h;
  FileTipUpToSummary(h);
  h.Press("ubah_tempat");
  EXPECT_EQ(h.State(), "tip.where");
  auto r = h.Say("Kota Yogyakarta, alun-alun");
  EXPECT_EQ(h.State(), "tip.summary");
  EXPECT_TRUE(Contains(r, "Kota Yogyakarta, alun-alun"));
  h.Press("ubah_waktu");
  r = h.Say("12/11");
  EXPECT_TRUE(Contains(r, "2024-11-12"));
  EXPECT_EQ(h.State(), "tip.summary");
}

TEST(DialogFlowTest, InvalidInputAtEveryPromptIsRepromptedKindly) {
  DialogHarness h;
  h.Say("/lapor");
  auto r = h.Say("entahlah");  // not a button
  EXPECT_EQ(h.State(), "tip.intro");
  EXPECT_TRUE(Contains(r, "pilih salah satu"));
  h.Press("lanjut");
  r = h.Press("bukan-kategori");
  EXPECT_EQ(h.State(), "tip.category");
  h.Say("3");  // typed number = third button
  EXPECT_EQ(h.State(), "tip.who");
  r = h.Say("x");
  EXPECT_TRUE(Contains(r, "terlalu singkat"));
  EXPECT_EQ(h.State(), "tip.who");
  h.Say("tidak tahu");
  r = h.Say(std::string(300, 'a'));
  EXPECT_TRUE(Contains(r, "terlalu panjang"));
  h.Say("Kab. Bantul");
  r = h.Say("besok");
  EXPECT_EQ(h.State(), "tip.when");
  EXPECT_TRUE(Contains(r, "masa depan"));
  r = h.Say("21/11/2024");  // tomorrow
  EXPECT_EQ(h.State(), "tip.when");
  h.Say("tadi pagi");
  r = h.Say("pendek");
  EXPECT_TRUE(Contains(r, "minimal 20"));
  h.Say("Membagikan amplop berisi uang kepada warga saat pengajian.");
  r = h.Say("ini bukan bukti");
  EXPECT_EQ(h.State(), "tip.evidence");
  EXPECT_TRUE(Contains(r, "http"));
  InboundMessage sticker = h.Message("u1");
  sticker.kind = MessageKind::kUnsupported;
  sticker.unsupported = "sticker";
  r = h.Send(sticker);
  EXPECT_TRUE(Contains(r, "stiker"));
  EXPECT_EQ(h.State(), "tip.evidence");
  h.Press("lewati");
  EXPECT_EQ(h.State(), "tip.summary");
}

TEST(DialogFlowTest, EvidenceStopsAtTen) {
  DialogHarness h;
  h.Say("/lapor");
  h.Press("lanjut");
  h.Press("uang");
  h.Say("tidak tahu");
  h.Say("Kab. Bantul");
  h.Say("kemarin");
  h.Say("Membagikan amplop berisi uang kepada warga saat pengajian.");
  for (int i = 0; i < 10; ++i) h.Photo("file-" + std::to_string(i));
  auto r = h.Photo("file-11");
  EXPECT_TRUE(Contains(r, "batas 10"));
  r = h.Press("selesai");
  EXPECT_TRUE(Contains(r, "10 berkas"));
}

TEST(DialogFlowTest, CancelKeepsNothing) {
  DialogHarness h;
  FileTipUpToSummary(h);
  auto r = h.Say("/batal");
  EXPECT_TRUE(Contains(r, "Tidak ada yang disimpan"));
  EXPECT_EQ(h.State(), "menu");
  Session s;
  ASSERT_TRUE(h.sessions_->Load("pseudo-u1", &s).ok());
  EXPECT_TRUE(s.data.empty());
  EXPECT_EQ(h.db_->sql().execAndGet("SELECT COUNT(*) FROM tip").getInt(), 0);
}

TEST(DialogFlowTest, TimeoutResetsPolitelyAndDropsTheDraft) {
  DialogHarness h;
  h.Say("/lapor");
  h.Press("lanjut");
  h.Press("atribut");
  h.clock_.Advance(31 * 60);
  auto r = h.Say("Pak Camat");
  EXPECT_TRUE(Contains(r, "Sesi Anda sebelumnya berakhir"));
  Session s;
  ASSERT_TRUE(h.sessions_->Load("pseudo-u1", &s).ok());
  EXPECT_FALSE(s.data.contains("category"));
  EXPECT_NE(s.state.rfind("tip.", 0), 0u);
  EXPECT_EQ(h.db_->sql().execAndGet("SELECT COUNT(*) FROM tip").getInt(), 0);
}

TEST(DialogFlowTest, RestartInTheMiddleOfATipContinues) {
  DialogHarness h;
  h.Say("/lapor");
  h.Press("lanjut");
  h.Press("fasilitas");
  h.Say("Sekretaris Dinas PU");
  h.Open();  // the process restarts
  EXPECT_EQ(h.State(), "tip.where");
  h.Say("Kab. Klaten");
  h.Say("kemarin");
  h.Say("Memakai mobil dinas untuk mengangkut massa kampanye ke lapangan.");
  h.Press("lewati");
  std::string code = TicketCode(h.Press("kirim"));
  EXPECT_FALSE(code.empty());
  SQLite::Statement st(h.db_->sql(), "SELECT who FROM tip WHERE code = ?");
  st.bind(1, code);
  ASSERT_TRUE(st.executeStep());
  EXPECT_EQ(st.getColumn(0).getString(), "Sekretaris Dinas PU");
}

TEST(DialogFlowTest, StaleAndDuplicatedButtonsDoNotCorruptTheFlow) {
  DialogHarness h;
  h.Say("/lapor");
  h.Press("lanjut");
  h.Press("lanjut");  // duplicate delivery of the same press
  EXPECT_EQ(h.State(), "tip.category");
  h.Press("medsos");
  h.Press("medsos");  // duplicate: not a valid answer to "who"
  EXPECT_EQ(h.State(), "tip.who");
  Session s;
  ASSERT_TRUE(h.sessions_->Load("pseudo-u1", &s).ok());
  EXPECT_FALSE(s.data.contains("who"));
  h.Press("fb:up:sanksi");  // a button of an old answer
  EXPECT_EQ(h.State(), "tip.who");
}

TEST(DialogFlowTest, StatusShowsProgressAndRelaysAnAnswer) {
  DialogHarness h;
  FileTipUpToSummary(h);
  std::string code = TicketCode(h.Press("kirim"));
  ASSERT_FALSE(code.empty());
  // A reviewer asks a question (the desk is another issue; write as it will).
  SQLite::Statement q(h.db_->sql(),
                      "INSERT INTO tip_message (tip_code, direction, body, created_at) VALUES (?, 'to_tipster', ?, 0)");
  q.bind(1, code);
  q.bind(2, "Jam berapa kejadiannya?");
  q.exec();
  // From another chat, with the code typed loosely.
  std::string loose = code;
  loose.erase(std::remove(loose.begin(), loose.end(), '-'), loose.end());
  for (char& c : loose) c = static_cast<char>(std::tolower(c));
  auto r = h.Say("/status " + loose, "other-chat");
  EXPECT_TRUE(Contains(r, "Diterima, menunggu ditinjau"));
  EXPECT_TRUE(Contains(r, "Jam berapa kejadiannya?"));
  EXPECT_EQ(h.State("other-chat"), "status.shown");
  h.Press("jawab", "other-chat");
  r = h.Say("Sekitar jam 9 pagi, wa saya 081298765432", "other-chat");
  EXPECT_TRUE(Contains(r, "sudah ditambahkan"));
  SQLite::Statement a(h.db_->sql(), "SELECT body FROM tip_message WHERE direction = 'from_tipster'");
  ASSERT_TRUE(a.executeStep());
  EXPECT_EQ(a.getColumn(0).getString(), "Sekitar jam 9 pagi, wa saya [nomor telepon]");
}

TEST(DialogFlowTest, UnknownCodeIsRefusedKindly) {
  DialogHarness h;
  auto r = h.Say("/status ABCD-EFGH-JKMN");
  EXPECT_TRUE(Contains(r, "tidak dikenal"));
  r = h.Say("bukan kode");
  EXPECT_TRUE(Contains(r, "tidak dikenal"));
  EXPECT_EQ(h.State(), "status.prompt");
  h.Say("/menu");
  EXPECT_EQ(h.State(), "menu");
}

TEST(DialogFlowTest, DailyTipLimitPerUser) {
  DialogHarness h;
  for (int i = 0; i < 5; ++i) {
    FileTipUpToSummary(h);
    EXPECT_FALSE(TicketCode(h.Press("kirim")).empty()) << i;
  }
  FileTipUpToSummary(h);
  auto r = h.Press("kirim");
  EXPECT_TRUE(Contains(r, "batas maksimal laporan untuk hari ini"));
  EXPECT_EQ(h.db_->sql().execAndGet("SELECT COUNT(*) FROM tip").getInt(), 5);
  FileTipUpToSummary(h, "someone-else");
  EXPECT_FALSE(TicketCode(h.Press("kirim", "someone-else")).empty());
  h.clock_.Advance(86400);
  FileTipUpToSummary(h);
  EXPECT_FALSE(TicketCode(h.Press("kirim")).empty());
}

TEST(DialogFlowTest, GroupChatsAndUnsupportedInputGetAnExplanation) {
  DialogHarness h;
  InboundMessage group = h.Message("u1");
  group.text = "halo bot";
  group.group_chat = true;
  EXPECT_TRUE(Contains(h.Send(group), "percakapan pribadi"));
  InboundMessage voice = h.Message("u1");
  voice.kind = MessageKind::kUnsupported;
  voice.unsupported = "voice";
  EXPECT_TRUE(Contains(h.Send(voice), "pesan suara"));
  h.Say("/perintahaneh");
  EXPECT_EQ(h.State(), "menu");
}

TEST(DialogFlowTest, ShippedScriptsPassLint) {
  Script script;
  ASSERT_TRUE(Script::Load(testing::SourceDir() + "/dialogs", &script).ok());
  std::vector<std::string> problems = DialogEngine::Lint(script);
  for (const auto& p : problems) ADD_FAILURE() << p;
}

TEST(DialogFlowTest, LintFindsBrokenScripts) {
  Script script;
  ASSERT_TRUE(Script::Load(testing::SourceDir() + "/dialogs", &script).ok());
  script.states["menu"].on["lapor"] = "nowhere";
  StateSpec orphan;
  orphan.id = "orphan";
  orphan.say = "x";
  orphan.next = "menu";
  script.states["orphan"] = orphan;
  script.states["tip.who"].next = "";
  script.states["tip.what"].action = "launch_rocket";
  script.texts.erase("timeout");
  std::vector<std::string> problems = DialogEngine::Lint(script);
  auto has = [&](const std::string& needle) {
    return std::any_of(problems.begin(), problems.end(), [&](const auto& p) { return p.find(needle) != std::string::npos; });
  };
  EXPECT_TRUE(has("unknown state 'nowhere'"));
  EXPECT_TRUE(has("state orphan: unreachable"));
  EXPECT_TRUE(has("state tip.who: dead end"));
  EXPECT_TRUE(has("unknown action 'launch_rocket'"));
  EXPECT_TRUE(has("text timeout is missing"));
}

TEST(DialogFlowTest, RandomInputNeverCrashesOrStrandsASession) {
  DialogHarness h;
  std::mt19937 rng(20241120);
  std::vector<std::string> pool = {"/start", "/menu", "/batal", "/lapor", "/tanya", "/status", "/bantuan",
                                   "/status ABCD-EFGH-JKMN", "/xyz", "", "1", "2", "9", "kirim", "selesai",
                                   "kemarin", "12/11", "besok", "tidak tahu", "halo",
                                   "bolehkah pns ikut kampanye?", "https://example.com/a",
                                   "Membagikan amplop berisi uang kepada warga saat pengajian.", std::string(3000, 'z'),
                                   "\xF0\x9F\x91\x8D", "\xff\xfe bad utf8"};
  for (const auto& [id, st] : h.script_.states) {
    for (const auto& b : st.buttons) pool.push_back(b.id);
  }
  std::uniform_int_distribution<size_t> pick(0, pool.size() - 1);
  std::uniform_int_distribution<int> kind(0, 9), user(0, 4);
  for (int i = 0; i < 3000; ++i) {
    InboundMessage m = h.Message("r" + std::to_string(user(rng)));
    int k = kind(rng);
    m.kind = k < 6 ? MessageKind::kText : k < 8 ? MessageKind::kButton : k < 9 ? MessageKind::kMedia
                                                                             : MessageKind::kUnsupported;
    m.text = pool[pick(rng)];
    if (m.kind == MessageKind::kMedia) m.media = {"photo", "f" + std::to_string(i), "image/jpeg", 10};
    if (i % 500 == 0) h.clock_.Advance(3600);
    std::vector<Reply> replies = h.Send(m);
    EXPECT_FALSE(replies.empty()) << "silence after '" << m.text << "'";
    Session s;
    ASSERT_TRUE(h.sessions_->Load(m.user_key, &s).ok());
    EXPECT_NE(h.script_.Find(s.state), nullptr) << "unknown state '" << s.state << "'";
    h.clock_.Advance(1);
  }
}

}  // namespace
}  // namespace netra

namespace netra {
namespace {

// A follow-up is read against the topic the same person asked about in the last ten minutes, and
// only then (the UX walkthrough's "kalo di luar jam kerja gmn?" after a question on party T-shirts).
TEST(DialogContextTest, FollowUpResolvesToThePreviousTopicAndExpires) {
  testing::DialogHarness h;
  auto first = h.Say("pns boleh pake kaos partai pas kampanye?");
  ASSERT_NE(testing::DialogHarness::AllText(first).find("atribut partai"), std::string::npos);
  auto follow = h.Say("kalo di luar jam kerja gmn?");
  std::string text = testing::DialogHarness::AllText(follow);
  EXPECT_EQ(text.rfind("⛔ Tidak boleh", 0), 0u) << text;
  EXPECT_NE(text.find("atribut partai"), std::string::npos) << text;
  // Someone else asking the same follow-up has no context.
  std::string other = testing::DialogHarness::AllText(h.Say("kalo di luar jam kerja gmn?", "u2"));
  EXPECT_EQ(other.find("atribut partai"), std::string::npos) << other;
  // Eleven minutes later the context is gone.
  h.clock_.Advance(11 * 60);
  std::string late = testing::DialogHarness::AllText(h.Say("kalo di luar jam kerja gmn?"));
  EXPECT_EQ(late.find("atribut partai"), std::string::npos) << late;
}

}  // namespace
}  // namespace netra

namespace netra {
namespace {

// "Maksud Anda": each choice once, as a button (no numbered copy in the text), and a way out.
TEST(DialogChoicesTest, ChoicesAreButtonsOnceWithAWayOut) {
  testing::DialogHarness h;
  auto r = h.Say("pns ikut acara calon");
  ASSERT_EQ(r.size(), 1u);
  EXPECT_NE(r[0].text.find("Maksud Anda"), std::string::npos) << r[0].text;
  EXPECT_EQ(r[0].text.find("1."), std::string::npos) << r[0].text;
  ASSERT_GE(r[0].buttons.size(), 3u);
  EXPECT_EQ(r[0].buttons.back().id, "none");
  EXPECT_EQ(r[0].buttons.back().label, "Bukan semuanya");
  auto none = h.Press("none");
  EXPECT_NE(testing::DialogHarness::AllText(none).find("kata lain"), std::string::npos);
}

// Related questions carry short labels; the two feedback buttons share a row.
TEST(DialogChoicesTest, RelatedButtonsAreShortAndFeedbackSharesARow) {
  testing::DialogHarness h;
  auto r = h.Press("entry:atribut");
  ASSERT_FALSE(r.empty());
  const auto& buttons = r.back().buttons;
  ASSERT_GE(buttons.size(), 2u);
  EXPECT_FALSE(buttons[0].same_row);
  EXPECT_TRUE(buttons[1].same_row);
  for (const auto& b : buttons) {
    if (b.id.rfind("entry:", 0) == 0) {
      EXPECT_LE(CodePoints(b.label), 30u) << b.label;
    }
  }
}

}  // namespace
}  // namespace netra
