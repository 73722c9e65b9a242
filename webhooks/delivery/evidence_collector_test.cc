#include "webhooks/delivery/evidence_collector.h"

#include "privacy/evidence_ref.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "privacy/crypto.h"
#include "webhooks/telegram/telegram_channel.h"
#include "webhooks/whatsapp/whatsapp_channel.h"
#include "storage/sqlite_tip_store.h"
#include "tests/fake_clock.h"
#include "tests/fake_providers.h"
#include "tests/test_util.h"

namespace netra {
namespace {

std::string Read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

TEST(EvidenceCollectorTest, FetchesStripsAndKeepsEvidenceOrFlagsIt) {
  testing::TempDir dir;
  testing::FakeTelegram telegram;
  testing::FakeWhatsApp whatsapp;
  std::string jpeg = Read(testing::SourceDir() + "/tests/data/gps_serial.jpg");
  std::string png = Read(testing::SourceDir() + "/tests/data/text_exif.png");
  // Telegram: getFile answers with a file_path; the file is served under /file/bot<token>/.
  telegram.Script({{200, R"({"ok":true,"result":{"file_id":"tg-photo","file_unique_id":"u","file_size":3946,"file_path":"photos/file_1.jpg"}})"},
                   {200, R"({"ok":true,"result":{"file_id":"tg-doc","file_unique_id":"v","file_size":20,"file_path":"documents/file_2.pdf"}})"}});
  telegram.Serve("/file/bot123:T/photos/file_1.jpg", jpeg);
  telegram.Serve("/file/bot123:T/documents/file_2.pdf", "%PDF-1.4 Author: Wiryawan");
  // WhatsApp: the media id resolves to a URL, fetched with the bearer token.
  whatsapp.Serve("/v21.0/wa-media-1", nlohmann::json{{"url", whatsapp.base_url() + "/media/abc"},
                                                     {"mime_type", "image/png"}, {"id", "wa-media-1"}}.dump());
  whatsapp.Serve("/media/abc", png);

  std::unique_ptr<Database> db;
  ASSERT_TRUE(Database::Open({.path = dir.file("n.db")}, &db).ok());
  SqliteTipStore tips(db.get(), SecretKey::FromBytes(std::string(32, 'k')));
  std::string code1, code2;
  TipDraft tg{"telegram", "medsos", "x", "y", "2024-11-19", "cerita", {{"photo", "tg-photo", "image/jpeg", 3946},
                                                                     {"document", "tg-doc", "application/pdf", 20}}, {}};
  ASSERT_TRUE(tips.CreateTip(tg, "u1", "", 1000, &code1).ok());
  TipDraft wa{"whatsapp", "uang", "x", "y", "2024-11-19", "cerita", {{"photo", "wa-media-1", "image/png", 0}},
              {"https://example.org/v"}};
  ASSERT_TRUE(tips.CreateTip(wa, "u2", "", 1000, &code2).ok());

  HttpProviderClient client;
  Metrics metrics;
  Logger logger(nullptr);
  EvidenceCollectorOptions options;
  options.ref_key = EvidenceRefKey(SecretKey::FromBytes(std::string(32, 'k')));
  options.evidence_dir = dir.file("evidence");
  TelegramChannel telegram_channel({.api = telegram.base_url(), .token = "123:T"}, &client);
  WhatsAppChannel whatsapp_channel({.api = whatsapp.base_url() + "/v21.0", .token = "wa-token"}, &client);
  EvidenceCollector collector(db.get(), {&telegram_channel, &whatsapp_channel}, options, &metrics, &logger);
  EXPECT_EQ(collector.CollectOnce(), 3u);
  EXPECT_EQ(collector.CollectOnce(), 0u);

  SQLite::Statement st(db->sql(), "SELECT kind, status, sha256, stored_path, provider_ref, size FROM tip_evidence ORDER BY id");
  std::vector<std::tuple<std::string, std::string, std::string, std::string, std::string, int64_t>> rows;
  while (st.executeStep()) {
    rows.emplace_back(st.getColumn(0).getString(), st.getColumn(1).getString(), st.getColumn(2).getString(),
                      st.getColumn(3).getString(), st.getColumn(4).getString(), st.getColumn(5).getInt64());
  }
  ASSERT_EQ(rows.size(), 4u);
  // The JPEG: stored under its hash, without its metadata, the provider reference dropped.
  EXPECT_EQ(std::get<1>(rows[0]), "stored");
  std::string kept = Read(std::get<3>(rows[0]));
  EXPECT_EQ(ToHex(Sha256(kept)), std::get<2>(rows[0]));
  EXPECT_EQ(static_cast<int64_t>(kept.size()), std::get<5>(rows[0]));
  EXPECT_EQ(kept.find("CAMSERIAL-7731"), std::string::npos);
  EXPECT_EQ(std::get<4>(rows[0]), "");
  struct stat sb {};
  ASSERT_EQ(stat(std::get<3>(rows[0]).c_str(), &sb), 0);
  EXPECT_EQ(sb.st_mode & 0777, 0600u);
  // The PDF: an unknown format, not kept, flagged, and its provider reference forgotten (L5).
  EXPECT_EQ(std::get<1>(rows[1]), "flagged");
  EXPECT_EQ(std::get<4>(rows[1]), "");
  EXPECT_EQ(std::get<3>(rows[1]), "");
  // The WhatsApp PNG, fetched with the bearer token and stripped.
  EXPECT_EQ(std::get<1>(rows[2]), "stored");
  EXPECT_EQ(Read(std::get<3>(rows[2])).find("Wiryawan"), std::string::npos);
  bool bearer = false;
  for (const auto& c : whatsapp.calls()) bearer |= c.path == "/media/abc" && c.authorization == "Bearer wa-token";
  EXPECT_TRUE(bearer);
  // Links stay links.
  EXPECT_EQ(std::get<1>(rows[3]), "link");
  // Nothing on disk carries the metadata.
  for (const auto& f : std::filesystem::directory_iterator(dir.file("evidence"))) {
    std::string bytes = Read(f.path().string());
    EXPECT_EQ(bytes.find("Wiryawan"), std::string::npos) << f.path();
  }
}

TEST(EvidenceCollectorTest, UnreachableProviderRetriesThenFails) {
  testing::TempDir dir;
  testing::FakeTelegram telegram;  // getFile answers ok but the file is missing: 404
  std::unique_ptr<Database> db;
  ASSERT_TRUE(Database::Open({.path = dir.file("n.db")}, &db).ok());
  SqliteTipStore tips(db.get(), SecretKey::FromBytes(std::string(32, 'k')));
  std::string code;
  TipDraft tg{"telegram", "medsos", "x", "y", "2024-11-19", "cerita", {{"photo", "gone", "image/jpeg", 1}}, {}};
  ASSERT_TRUE(tips.CreateTip(tg, "u1", "", 1000, &code).ok());
  HttpProviderClient client;
  Metrics metrics;
  Logger logger(nullptr);
  EvidenceCollectorOptions options;
  options.ref_key = EvidenceRefKey(SecretKey::FromBytes(std::string(32, 'k')));
  options.evidence_dir = dir.file("evidence");
  options.max_attempts = 2;
  FakeClock clock;
  options.clock = &clock;
  TelegramChannel telegram_channel({.api = telegram.base_url(), .token = "123:T"}, &client);
  EvidenceCollector collector(db.get(), {&telegram_channel}, options, &metrics, &logger);
  collector.CollectOnce();
  EXPECT_EQ(db->sql().execAndGet("SELECT status FROM tip_evidence").getString(), "pending");
  std::string kept = db->sql().execAndGet("SELECT provider_ref FROM tip_evidence").getString();
  EXPECT_EQ(kept.rfind("s1:", 0), 0u) << "kept to retry, sealed: " << kept;
  EXPECT_EQ(kept.find("gone"), std::string::npos);
  clock.Advance(options.backoff_seconds);
  collector.CollectOnce();
  EXPECT_EQ(db->sql().execAndGet("SELECT status FROM tip_evidence").getString(), "failed");
  EXPECT_EQ(db->sql().execAndGet("SELECT provider_ref FROM tip_evidence").getString(), "") << "failed for good";
}

// A collector for one Telegram evidence row, on a fake clock, for the back-off tests.
class EvidenceBackoffTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(Database::Open({.path = dir_.file("n.db")}, &db_).ok());
    SqliteTipStore tips(db_.get(), SecretKey::FromBytes(std::string(32, 'k')));
    std::string code;
    TipDraft tg{"telegram", "medsos", "x", "y", "2024-11-19", "cerita", {{"photo", "tg-photo", "image/jpeg", 1}}, {}};
    ASSERT_TRUE(tips.CreateTip(tg, "u1", "", 1000, &code).ok());
    // getFile answers photos/file_0.jpg by default; the file is a real JPEG.
    telegram_.Serve("/file/bot123:T/photos/file_0.jpg", Read(testing::SourceDir() + "/tests/data/gps_serial.jpg"));
    options_.ref_key = EvidenceRefKey(SecretKey::FromBytes(std::string(32, 'k')));
    options_.evidence_dir = dir_.file("evidence");
    telegram_channel_ = std::make_unique<TelegramChannel>(
        TelegramOptions{.api = telegram_.base_url(), .token = "123:T"}, &client_);
    channels_ = {telegram_channel_.get()};
    options_.max_attempts = 4;
    options_.backoff_seconds = 60;
    options_.max_backoff_seconds = 150;
    options_.clock = &clock_;
  }
  std::string RowStatus() { return db_->sql().execAndGet("SELECT status FROM tip_evidence").getString(); }
  size_t GetFileCalls() {
    size_t n = 0;
    for (const auto& c : telegram_.calls()) n += c.path.find("/getFile") != std::string::npos;
    return n;
  }

  testing::TempDir dir_;
  testing::FakeTelegram telegram_;
  std::unique_ptr<Database> db_;
  FakeClock clock_;
  EvidenceCollectorOptions options_;
  HttpProviderClient client_;
  std::unique_ptr<TelegramChannel> telegram_channel_;
  std::vector<Channel*> channels_;  // cleared: the channel is off
  Metrics metrics_;
  Logger logger_{nullptr};
};

// Bug 8.2: with an evidence folder that cannot be written, the old collector downloaded the file
// again on every pass, forever, and the row stayed pending. Now each failed write is an attempt:
// max_attempts downloads, spread over the back-off (60, 120, then capped at 150 s), then failed.
TEST_F(EvidenceBackoffTest, UnwritableFolderFailsAfterMaxAttemptsSpreadOverBackoff) {
  dir_.Write("not-a-folder", "x");
  options_.evidence_dir = dir_.file("not-a-folder") + "/evidence";  // cannot be created, even as root
  EvidenceCollector collector(db_.get(), channels_, options_, &metrics_, &logger_);
  const int64_t waits[] = {60, 120, 150};
  for (int attempt = 1; attempt <= 4; ++attempt) {
    SCOPED_TRACE("attempt " + std::to_string(attempt));
    EXPECT_EQ(collector.CollectOnce(), 1u);
    EXPECT_EQ(GetFileCalls(), static_cast<size_t>(attempt));
    if (attempt == 4) break;
    EXPECT_EQ(RowStatus(), "pending");
    // Passes before the back-off is over fetch nothing.
    for (int i = 0; i < 20; ++i) EXPECT_EQ(collector.CollectOnce(), 0u);
    clock_.Advance(waits[attempt - 1] - 1);
    EXPECT_EQ(collector.CollectOnce(), 0u);
    EXPECT_EQ(GetFileCalls(), static_cast<size_t>(attempt));
    clock_.Advance(1);
  }
  EXPECT_EQ(RowStatus(), "failed");
  EXPECT_EQ(db_->sql().execAndGet("SELECT attempts FROM tip_evidence").getInt(), 4);
  EXPECT_EQ(db_->sql().execAndGet("SELECT provider_ref FROM tip_evidence").getString(), "");
  clock_.Advance(86400);
  for (int i = 0; i < 5; ++i) EXPECT_EQ(collector.CollectOnce(), 0u);
  EXPECT_EQ(GetFileCalls(), 4u) << "exactly max_attempts provider calls";
  EXPECT_EQ(metrics_.Value("netra_evidence_total", {{"result", "failed"}}), 1);
}

// Bug 8.2: a provider that is briefly down (5xx) no longer burns every attempt in milliseconds.
TEST_F(EvidenceBackoffTest, ProviderDownThenUpStoresTheFile) {
  telegram_.Script({testing::FakeTelegram::ServerError(), testing::FakeTelegram::ServerError()});
  EvidenceCollector collector(db_.get(), channels_, options_, &metrics_, &logger_);
  EXPECT_EQ(collector.CollectOnce(), 1u);
  for (int i = 0; i < 10; ++i) collector.CollectOnce();  // the old collector failed the row here
  EXPECT_EQ(RowStatus(), "pending");
  EXPECT_EQ(GetFileCalls(), 1u);
  clock_.Advance(60);
  EXPECT_EQ(collector.CollectOnce(), 1u);
  EXPECT_EQ(RowStatus(), "pending");
  clock_.Advance(120);
  EXPECT_EQ(collector.CollectOnce(), 1u);
  EXPECT_EQ(RowStatus(), "stored");
  EXPECT_EQ(GetFileCalls(), 3u);
  EXPECT_EQ(db_->sql().execAndGet("SELECT attempts FROM tip_evidence").getInt(), 3);
}

// The back-off doubles and stops at its cap.
TEST_F(EvidenceBackoffTest, BackoffDoublesUpToItsCap) {
  EvidenceCollector collector(db_.get(), channels_, options_, &metrics_, &logger_);
  const std::pair<int, int64_t> cases[] = {{1, 60}, {2, 120}, {3, 150}, {4, 150}, {60, 150}};
  for (auto [attempts, want] : cases) EXPECT_EQ(collector.BackoffSeconds(attempts), want) << attempts;
}

// A channel without credentials is not an attempt: the row waits, it is not failed.
TEST_F(EvidenceBackoffTest, ChannelOffNeitherCountsNorSpins) {
  channels_.clear();
  EvidenceCollector collector(db_.get(), channels_, options_, &metrics_, &logger_);
  for (int day = 0; day < 10; ++day) {
    EXPECT_EQ(collector.CollectOnce(), 1u);
    EXPECT_EQ(collector.CollectOnce(), 0u);
    clock_.Advance(options_.channel_off_retry_seconds);
  }
  EXPECT_EQ(RowStatus(), "pending");
  EXPECT_EQ(db_->sql().execAndGet("SELECT attempts FROM tip_evidence").getInt(), 0);
}

// Bug 8.3: Stop() returns at once while the thread waits its poll period (an hour here).
TEST_F(EvidenceBackoffTest, StopIsPromptWhileWaitingAnHour) {
  options_.poll = std::chrono::hours(1);
  channels_.clear();
  auto slowest = std::chrono::steady_clock::duration::zero();
  for (int i = 0; i < 50; ++i) {
    EvidenceCollector collector(db_.get(), channels_, options_, &metrics_, &logger_);
    collector.Start();
    if (i % 2 == 1) std::this_thread::sleep_for(std::chrono::milliseconds(2));  // let it reach its wait
    auto started = std::chrono::steady_clock::now();
    collector.Stop();
    slowest = std::max(slowest, std::chrono::steady_clock::now() - started);
  }
  EXPECT_LT(slowest, std::chrono::seconds(1));
}

// Red team H4 end to end: the MPO-style JPEG as a Telegram document and the C2PA PNG over WhatsApp
// reach the evidence folder without the author or the GPS; a damaged image is flagged, not kept,
// and forgets its reference (L5).
TEST(EvidenceCollectorTest, H4FilesAreKeptWithoutAuthorOrGpsAndDamagedOnesAreFlagged) {
  testing::TempDir dir;
  testing::FakeTelegram telegram;
  testing::FakeWhatsApp whatsapp;
  std::string mpo = Read(testing::SourceDir() + "/tests/data/strip_mpo_exif_gps.jpg");
  std::string png = Read(testing::SourceDir() + "/tests/data/strip_c2pa_text.png");
  ASSERT_NE(mpo.find("Kartini Wulandari"), std::string::npos);
  ASSERT_NE(png.find("Kartini Wulandari"), std::string::npos);
  telegram.Script({{200, R"({"ok":true,"result":{"file_id":"tg-mpo","file_path":"documents/file_1.jpg"}})"},
                   {200, R"({"ok":true,"result":{"file_id":"tg-cut","file_path":"documents/file_2.jpg"}})"}});
  telegram.Serve("/file/bot123:T/documents/file_1.jpg", mpo);
  telegram.Serve("/file/bot123:T/documents/file_2.jpg", mpo.substr(0, mpo.find("\xFF\xD9")));  // first frame cut
  whatsapp.Serve("/v21.0/wa-png", nlohmann::json{{"url", whatsapp.base_url() + "/media/png"}, {"id", "wa-png"}}.dump());
  whatsapp.Serve("/media/png", png);

  std::unique_ptr<Database> db;
  ASSERT_TRUE(Database::Open({.path = dir.file("n.db")}, &db).ok());
  SqliteTipStore tips(db.get(), SecretKey::FromBytes(std::string(32, 'k')));
  std::string code;
  TipDraft tg{"telegram", "medsos", "x", "y", "2024-11-19", "cerita",
              {{"document", "tg-mpo", "image/jpeg", 0}, {"document", "tg-cut", "image/jpeg", 0}}, {}};
  ASSERT_TRUE(tips.CreateTip(tg, "u1", "", 1000, &code).ok());
  TipDraft wa{"whatsapp", "uang", "x", "y", "2024-11-19", "cerita", {{"document", "wa-png", "image/png", 0}}, {}};
  ASSERT_TRUE(tips.CreateTip(wa, "u2", "", 1000, &code).ok());

  HttpProviderClient client;
  Metrics metrics;
  Logger logger(nullptr);
  EvidenceCollectorOptions options;
  options.ref_key = EvidenceRefKey(SecretKey::FromBytes(std::string(32, 'k')));
  options.evidence_dir = dir.file("evidence");
  TelegramChannel telegram_channel({.api = telegram.base_url(), .token = "123:T"}, &client);
  WhatsAppChannel whatsapp_channel({.api = whatsapp.base_url() + "/v21.0", .token = "wa-token"}, &client);
  EvidenceCollector collector(db.get(), {&telegram_channel, &whatsapp_channel}, options, &metrics, &logger);
  EXPECT_EQ(collector.CollectOnce(), 3u);

  SQLite::Statement st(db->sql(), "SELECT status, provider_ref, stored_path FROM tip_evidence ORDER BY id");
  std::vector<std::tuple<std::string, std::string, std::string>> rows;
  while (st.executeStep()) {
    rows.emplace_back(st.getColumn(0).getString(), st.getColumn(1).getString(), st.getColumn(2).getString());
  }
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0], std::make_tuple(std::string("stored"), std::string(""), std::get<2>(rows[0])));
  EXPECT_EQ(rows[1], std::make_tuple(std::string("flagged"), std::string(""), std::string("")));
  EXPECT_EQ(rows[2], std::make_tuple(std::string("stored"), std::string(""), std::get<2>(rows[2])));
  size_t files = 0;
  for (const auto& f : std::filesystem::directory_iterator(dir.file("evidence"))) {
    std::string bytes = Read(f.path().string());
    ++files;
    for (const char* gone : {"Kartini", "Wulandari", "-6.123456", "106.876543", "Exif", "caBX"}) {
      EXPECT_EQ(bytes.find(gone), std::string::npos) << f.path() << " carries " << gone;
    }
  }
  EXPECT_EQ(files, 2u);
  std::string rendered = metrics.RenderPrometheus();
  EXPECT_NE(rendered.find("netra_evidence_total{result=\"flagged\"} 1"), std::string::npos) << rendered;
}

// Rows settled by an older version, which kept the reference of flagged and failed items, are
// cleared on the collector's first pass; pending rows keep theirs.
TEST(EvidenceCollectorTest, ReferencesOfRowsSettledEarlierAreCleared) {
  testing::TempDir dir;
  std::unique_ptr<Database> db;
  ASSERT_TRUE(Database::Open({.path = dir.file("n.db")}, &db).ok());
  SqliteTipStore tips(db.get(), SecretKey::FromBytes(std::string(32, 'k')));
  std::string code;
  TipDraft tg{"telegram", "medsos", "x", "y", "2024-11-19", "cerita",
              {{"document", "pdf1", "application/pdf", 1}, {"document", "gone1", "image/jpeg", 1},
               {"photo", "waiting1", "image/jpeg", 1}},
              {"https://example.org/v"}};
  ASSERT_TRUE(tips.CreateTip(tg, "u1", "", 1000, &code).ok());
  db->sql().exec("UPDATE tip_evidence SET status = 'flagged' WHERE id = 1");  // pdf1
  db->sql().exec("UPDATE tip_evidence SET status = 'failed' WHERE id = 2");   // gone1
  HttpProviderClient client;
  Metrics metrics;
  Logger logger(nullptr);
  EvidenceCollectorOptions options;
  options.ref_key = EvidenceRefKey(SecretKey::FromBytes(std::string(32, 'k')));
  options.evidence_dir = dir.file("evidence");  // no tokens: the pending row stays pending
  EvidenceCollector collector(db.get(), {}, options, &metrics, &logger);
  collector.CollectOnce();
  SQLite::Statement st(db->sql(), "SELECT status, provider_ref FROM tip_evidence ORDER BY id");
  std::vector<std::pair<std::string, std::string>> rows;
  while (st.executeStep()) rows.emplace_back(st.getColumn(0).getString(), st.getColumn(1).getString());
  ASSERT_EQ(rows.size(), 4u);
  std::string waiting;
  ASSERT_TRUE(OpenEvidenceRef(options.ref_key, rows[2].second, &waiting)) << rows[2].second;
  EXPECT_EQ(waiting, "waiting1");
  rows[2].second = "(sealed)";
  EXPECT_EQ(rows, (std::vector<std::pair<std::string, std::string>>{
                      {"flagged", ""}, {"failed", ""}, {"pending", "(sealed)"}, {"link", "https://example.org/v"}}));
}

}  // namespace
}  // namespace netra
