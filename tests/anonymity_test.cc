// The anonymity promise, end to end: tipsters with known ids, usernames, names and phone numbers
// file tips on both channels; reviewers work them and close them; then every byte Netra keeps or
// emits — database files, evidence folder, logs, /metrics, every message to reviewers — is
// searched for those identifiers.
#include "build_paths.h"
#include <gtest/gtest.h>
#include <httplib.h>

#include <filesystem>
#include <fstream>
#include <regex>

#include <SQLiteCpp/SQLiteCpp.h>

#include "privacy/crypto.h"
#include "tests/fake_providers.h"
#include "tests/subprocess.h"
#include "tests/test_util.h"

namespace netra {
namespace {

using namespace std::chrono_literals;

constexpr int64_t kTipsterId = 735501234;            // Telegram user and chat id
constexpr char kTipsterUsername[] = "rahasia_warga77";
constexpr char kTipsterFirstName[] = "Kartikasari";
constexpr char kTipsterPhone[] = "6281377712345";    // WhatsApp number
constexpr char kTipsterWaName[] = "Wiryawan Saputra";
constexpr int64_t kChatAddress = 4242;

// Message bodies may hold binary uploads: dump them with invalid bytes replaced (ASCII stays).
std::string Dump(const nlohmann::json& j) { return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace); }

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

class AnonymityTest : public ::testing::Test {
 protected:
  void Start() {
    telegram_.Serve("/file/bot123:TEST/photos/file_0.jpg", ReadAll(testing::SourceDir() + "/tests/data/gps_serial.jpg"));
    std::map<std::string, std::string> env = {
        {"NETRA_DB", dir_.file("netra.db")},
        {"NETRA_LISTEN", "127.0.0.1:0"},
        {"NETRA_SECRET_KEY_FILE", dir_.file("netra.key")},
        {"NETRA_EVIDENCE_DIR", dir_.file("evidence")},
        {"NETRA_REVIEWERS", "telegram:" + std::to_string(kChatAddress)},
        {"NETRA_TELEGRAM_TOKEN", "123:TEST"},
        {"NETRA_TELEGRAM_SECRET", "s3cret"},
        {"NETRA_TELEGRAM_API", telegram_.base_url()},
        {"NETRA_WHATSAPP_TOKEN", "wa-token"},
        {"NETRA_WHATSAPP_APP_SECRET", "app-secret"},
        {"NETRA_WHATSAPP_VERIFY_TOKEN", "verify"},
        {"NETRA_WHATSAPP_PHONE_ID", "106540352242922"},
        {"NETRA_WHATSAPP_API", whatsapp_.base_url()}};
    server_ = std::make_unique<testing::Subprocess>(std::vector<std::string>{NETRA_BINARY, "serve"}, env,
                                                    dir_.file("out.txt"), dir_.file("err.txt"));
    ASSERT_TRUE(server_->WaitForOutput("listening on", 20s)) << server_->Stderr();
    std::smatch m;
    std::string out = server_->Stdout();
    ASSERT_TRUE(std::regex_search(out, m, std::regex("127\\.0\\.0\\.1:(\\d+)")));
    client_ = std::make_unique<httplib::Client>("127.0.0.1", std::stoi(m[1]));
  }

  void Telegram(int64_t user, const std::string& text, const std::string& first = kTipsterFirstName,
                const std::string& username = kTipsterUsername) {
    auto r = client_->Post("/webhook/telegram", {{"X-Telegram-Bot-Api-Secret-Token", "s3cret"}},
                           testing::TelegramText(++update_id_, user, text, first, username).dump(), "application/json");
    ASSERT_TRUE(r);
    ASSERT_EQ(r->status, 200);
  }
  void TelegramPress(int64_t user, const std::string& data) {
    auto r = client_->Post("/webhook/telegram", {{"X-Telegram-Bot-Api-Secret-Token", "s3cret"}},
                           testing::TelegramCallback(++update_id_, user, data).dump(), "application/json");
    ASSERT_TRUE(r);
    ASSERT_EQ(r->status, 200);
  }
  void WhatsApp(const nlohmann::json& message) {
    std::string body =
        testing::WhatsAppMessage(Wamid(++update_id_), kTipsterPhone, message, kTipsterWaName).dump();
    auto r = client_->Post("/webhook/whatsapp", {{"X-Hub-Signature-256", "sha256=" + ToHex(HmacSha256("app-secret", body))}},
                           body, "application/json");
    ASSERT_TRUE(r);
    ASSERT_EQ(r->status, 200);
  }
  // Real wamids are base64 of a structure that starts with the sender's number (red team C2).
  std::string Wamid(int64_t n) {
    wamids_.push_back(testing::RealisticWamid(kTipsterPhone, static_cast<int>(n)));
    return wamids_.back();
  }
  std::vector<std::string> wamids_;
  void WhatsAppText(const std::string& text) { WhatsApp({{"type", "text"}, {"text", {{"body", text}}}}); }

  // Ticket codes seen in messages sent to the tipster.
  std::vector<std::string> Codes(testing::FakeProvider& p) {
    std::vector<std::string> codes;
    static const std::regex code("Kode tiket Anda: ([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})");
    for (const auto& c : p.delivered()) {
      std::string text = Dump(c.body);
      std::smatch m;
      if (std::regex_search(text, m, code)) codes.push_back(m[1]);
    }
    return codes;
  }

  testing::TempDir dir_;
  testing::FakeTelegram telegram_;
  testing::FakeWhatsApp whatsapp_;
  std::unique_ptr<testing::Subprocess> server_;
  std::unique_ptr<httplib::Client> client_;
  int64_t update_id_ = 100;
};

TEST_F(AnonymityTest, NoTipsterIdentifierReachesStorageLogsMetricsOrReviewers) {
  ASSERT_NO_FATAL_FAILURE(Start());
  // A tip on Telegram.
  for (const char* step : {"/lapor"}) Telegram(kTipsterId, step);
  TelegramPress(kTipsterId, "lanjut");
  TelegramPress(kTipsterId, "kampanye");
  Telegram(kTipsterId, "Camat Sukamaju");
  Telegram(kTipsterId, "Kab. Cianjur, lapangan desa");
  Telegram(kTipsterId, "kemarin");
  Telegram(kTipsterId, "Berorasi di panggung kampanye paslon dua dengan seragam dinas. Hubungi saya 081377712345.");
  Telegram(kTipsterId, "https://example.org/video/123");
  {
    auto r = client_->Post("/webhook/telegram", {{"X-Telegram-Bot-Api-Secret-Token", "s3cret"}},
                           testing::TelegramPhoto(++update_id_, kTipsterId, "tg-photo-1").dump(), "application/json");
    ASSERT_TRUE(r);
    ASSERT_EQ(r->status, 200);
  }
  TelegramPress(kTipsterId, "selesai");
  TelegramPress(kTipsterId, "kirim");
  // A tip on WhatsApp.
  WhatsAppText("/lapor");
  WhatsApp({{"type", "interactive"}, {"interactive", {{"type", "button_reply"}, {"button_reply", {{"id", "lanjut"}, {"title", "Lanjut"}}}}}});
  WhatsApp({{"type", "interactive"}, {"interactive", {{"type", "list_reply"}, {"list_reply", {{"id", "uang"}, {"title", "Uang / barang"}}}}}});
  WhatsAppText("tidak tahu");
  WhatsAppText("Kota Bekasi, pasar");
  WhatsAppText("12/11");
  WhatsAppText("Membagikan amplop berisi uang dan kartu nama paslon kepada pedagang pasar.");
  WhatsApp({{"type", "image"}, {"image", {{"id", "1234567890"}, {"mime_type", "image/jpeg"}, {"sha256", "abc"}}}});
  WhatsAppText("selesai");
  WhatsAppText("kirim");
  // An ASN asks a question too.
  Telegram(kTipsterId, "bolehkah pns like postingan paslon?");

  // Telegram gets about one message a second per chat: wait for both ticket codes.
  std::vector<std::string> codes;
  for (int i = 0; i < 400 && codes.size() < 2; ++i) {
    std::this_thread::sleep_for(100ms);
    codes = Codes(telegram_);
    for (const auto& c : Codes(whatsapp_)) codes.push_back(c);
  }
  if (codes.size() < 2) {
    for (const auto& c : telegram_.delivered()) std::cerr << "TG " << Dump(c.body).substr(0, 150) << "\n";
    for (const auto& c : whatsapp_.delivered()) std::cerr << "WA " << Dump(c.body).substr(0, 150) << "\n";
  }
  ASSERT_EQ(codes.size(), 2u);

  // The photo (whose EXIF names "Wiryawan" and carries GPS) is fetched and stripped.
  for (int i = 0; i < 100; ++i) {
    std::this_thread::sleep_for(100ms);
    SQLite::Database db(dir_.file("netra.db"), SQLite::OPEN_READONLY);
    if (db.execAndGet("SELECT COUNT(*) FROM tip_evidence WHERE status = 'stored'").getInt() == 1) break;
  }
  // The reviewer works both tips: queue, claim, view, ask, and close.
  Telegram(kChatAddress, "/antrian", "Petugas", "petugas_bkd");
  for (const auto& code : codes) {
    Telegram(kChatAddress, "/ambil " + code, "Petugas", "petugas_bkd");
    Telegram(kChatAddress, "/lihat " + code, "Petugas", "petugas_bkd");
    Telegram(kChatAddress, "/tanya " + code + " Jam berapa kejadiannya?", "Petugas", "petugas_bkd");
  }
  // The Telegram tipster answers through /status.
  Telegram(kTipsterId, "/status " + codes[0]);
  TelegramPress(kTipsterId, "jawab");
  Telegram(kTipsterId, "Sekitar jam sembilan pagi.");
  for (const auto& code : codes) Telegram(kChatAddress, "/status " + code + " selesai", "Petugas", "petugas_bkd");
  Telegram(kChatAddress, "/statistik", "Petugas", "petugas_bkd");
  // Let the outbox drain (about one message a second per chat).
  for (int i = 0; i < 300; ++i) {
    std::this_thread::sleep_for(100ms);
    SQLite::Database db(dir_.file("netra.db"), SQLite::OPEN_READONLY);
    if (db.execAndGet("SELECT COUNT(*) FROM outbox WHERE status = 'pending'").getInt() == 0) break;
  }

  auto metrics = client_->Get("/metrics");
  ASSERT_TRUE(metrics);
  server_->Signal(SIGTERM);
  ASSERT_EQ(server_->Wait(10s), 0);

  const std::vector<std::string> identifiers = {std::to_string(kTipsterId), kTipsterUsername, kTipsterFirstName,
                                                kTipsterPhone, "081377712345", kTipsterWaName, "Wiryawan"};
  std::vector<std::string> hidden = identifiers;
  for (const auto& form : testing::EncodedForms(kTipsterPhone)) hidden.push_back(form);
  for (const auto& w : wamids_) hidden.push_back(w.substr(6));
  ASSERT_GE(wamids_.size(), 5u);
  auto expect_clean = [&](const std::string& where, const std::string& bytes) {
    for (const auto& id : hidden) {
      EXPECT_EQ(bytes.find(id), std::string::npos) << "'" << id << "' found in " << where;
    }
  };
  namespace fs = std::filesystem;
  int db_files = 0;
  for (const auto& f : fs::directory_iterator(dir_.path())) {
    std::string name = f.path().filename().string();
    if (name.rfind("netra.db", 0) == 0) {
      ++db_files;
      expect_clean(name, ReadAll(f.path().string()));
    }
  }
  EXPECT_GE(db_files, 1);
  if (fs::exists(dir_.file("evidence"))) {
    for (const auto& f : fs::recursive_directory_iterator(dir_.file("evidence"))) {
      if (f.is_regular_file()) expect_clean(f.path().string(), ReadAll(f.path().string()));
    }
  }
  expect_clean("stderr log", server_->Stderr());
  expect_clean("stdout", server_->Stdout());
  expect_clean("/metrics", metrics->body);
  int to_reviewer = 0;
  for (const auto& c : telegram_.delivered()) {
    if (c.body.value("chat_id", "") != std::to_string(kChatAddress)) continue;
    ++to_reviewer;
    expect_clean("a message to the reviewer", Dump(c.body));
  }
  EXPECT_GE(to_reviewer, 8);
  // The reviewer saw the photo, uploaded from the cleaned file.
  int photos = 0;
  for (const auto& c : telegram_.delivered()) {
    if (c.path.find("/sendPhoto") == std::string::npos) continue;
    ++photos;
    EXPECT_EQ(c.body.value("chat_id", ""), std::to_string(kChatAddress));
    std::string bytes = c.body["photo"].value("bytes", "");
    EXPECT_EQ(bytes.rfind("\xFF\xD8", 0), 0u);
    EXPECT_EQ(bytes.find("CAMSERIAL-7731"), std::string::npos);
  }
  EXPECT_EQ(photos, 1);
  // The relay reached the tipster, on their own channel, without the reviewer learning who.
  bool asked_on_whatsapp = false;
  for (const auto& c : whatsapp_.delivered()) {
    asked_on_whatsapp |= Dump(c.body).find("Jam berapa kejadiannya?") != std::string::npos &&
                         c.body.value("to", "") == kTipsterPhone;
  }
  EXPECT_TRUE(asked_on_whatsapp);
}

}  // namespace
}  // namespace netra
