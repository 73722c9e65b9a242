#include "webhooks/evidence_collector.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "bot/crypto.h"
#include "bot/sqlite_tip_store.h"
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
  options.evidence_dir = dir.file("evidence");
  options.telegram_api = telegram.base_url();
  options.telegram_token = "123:T";
  options.whatsapp_api = whatsapp.base_url() + "/v21.0";
  options.whatsapp_token = "wa-token";
  EvidenceCollector collector(db.get(), &client, options, &metrics, &logger);
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
  // The PDF: an unknown format, kept only as the provider's reference and flagged.
  EXPECT_EQ(std::get<1>(rows[1]), "flagged");
  EXPECT_EQ(std::get<4>(rows[1]), "tg-doc");
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
  options.evidence_dir = dir.file("evidence");
  options.telegram_api = telegram.base_url();
  options.telegram_token = "123:T";
  options.max_attempts = 2;
  EvidenceCollector collector(db.get(), &client, options, &metrics, &logger);
  collector.CollectOnce();
  EXPECT_EQ(db->sql().execAndGet("SELECT status FROM tip_evidence").getString(), "pending");
  collector.CollectOnce();
  EXPECT_EQ(db->sql().execAndGet("SELECT status FROM tip_evidence").getString(), "failed");
}

}  // namespace
}  // namespace netra
