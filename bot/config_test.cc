#include "bot/config.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <regex>

#include "tests/test_util.h"

namespace netra {
namespace {

using Env = std::map<std::string, std::string>;

TEST(ConfigTest, DefaultsFollowTheContract) {
  Config c;
  ASSERT_TRUE(LoadConfig("", {}, &c).ok());
  EXPECT_EQ(c.db_path, "netra.db");
  EXPECT_EQ(c.listen_host, "127.0.0.1");
  EXPECT_EQ(c.listen_port, 8080);
  EXPECT_EQ(c.telegram_api, "https://api.telegram.org");
  EXPECT_FALSE(c.telegram_enabled());
  EXPECT_FALSE(c.whatsapp_enabled());
  EXPECT_EQ(c.session_timeout, std::chrono::seconds(1800));
}

// An installed program (<prefix>/bin/netra) reads <prefix>/share/netra; a build-tree program the
// source tree; NETRA_KB_DIR and NETRA_DIALOGS_DIR win over both.
TEST(ConfigTest, DataFoldersFollowWhereTheProgramIs) {
  DataDirs installed = DefaultDataDirs("/opt/netra/bin/netra");
  EXPECT_EQ(installed.kb_dir, "/opt/netra/share/netra/knowledge");
  EXPECT_EQ(installed.dialogs_dir, "/opt/netra/share/netra/dialogs");

  DataDirs build_tree = DefaultDataDirs(std::string(NETRA_BUILD_DIR) + "/netra");
  EXPECT_EQ(build_tree.kb_dir, testing::SourceDir() + "/knowledge");
  EXPECT_EQ(build_tree.dialogs_dir, testing::SourceDir() + "/dialogs");

  EXPECT_EQ(DefaultDataDirs("").kb_dir, std::string(NETRA_INSTALL_DATA_DIR) + "/knowledge");

  Config c;  // this test program sits in the build folder
  ASSERT_TRUE(LoadConfig("", {}, &c).ok());
  EXPECT_EQ(c.kb_dir, testing::SourceDir() + "/knowledge");
  EXPECT_EQ(c.dialogs_dir, testing::SourceDir() + "/dialogs");
  ASSERT_TRUE(LoadConfig("", {{"NETRA_KB_DIR", "/srv/kb"}, {"NETRA_DIALOGS_DIR", "/srv/dialogs"}}, &c).ok());
  EXPECT_EQ(c.kb_dir, "/srv/kb");
  EXPECT_EQ(c.dialogs_dir, "/srv/dialogs");
}

// contrib/netra.env.example loads as a config file, and every NETRA_* key that it or the systemd
// unit names (set or commented out) is one Netra reads: a misspelt key would be silently ignored.
TEST(ConfigTest, ContribExamplesNameOnlyKnownKeys) {
  const std::string env_file = testing::SourceDir() + "/contrib/netra.env.example";
  Config c;
  Status s = LoadConfig(env_file, {}, &c);
  ASSERT_TRUE(s.ok()) << s.message();
  const auto& keys = ConfigKeys();
  size_t named = 0;
  for (const std::string& file : {env_file, testing::SourceDir() + "/contrib/netra.service"}) {
    std::ifstream in(file);
    ASSERT_TRUE(in) << file;
    std::regex key_re("^#?(?:Environment=)?(NETRA_[A-Z_]+)=");
    std::smatch m;
    for (std::string line; std::getline(in, line);) {
      if (!std::regex_search(line, m, key_re)) continue;
      ++named;
      EXPECT_NE(std::find(keys.begin(), keys.end(), m[1].str()), keys.end()) << file << ": " << line;
    }
  }
  EXPECT_GE(named, 11u);
}

TEST(ConfigTest, ReadsEveryContractKey) {
  Env env = {{"NETRA_DB", "/tmp/x.db"},
             {"NETRA_LISTEN", "0.0.0.0:9090"},
             {"NETRA_TELEGRAM_TOKEN", "123:abc"},
             {"NETRA_TELEGRAM_SECRET", "s3cret_-X"},
             {"NETRA_TELEGRAM_API", "http://127.0.0.1:9999/"},
             {"NETRA_WHATSAPP_TOKEN", "tok"},
             {"NETRA_WHATSAPP_APP_SECRET", "app"},
             {"NETRA_WHATSAPP_VERIFY_TOKEN", "verify"},
             {"NETRA_WHATSAPP_PHONE_ID", "1234567890"},
             {"NETRA_WHATSAPP_API", "http://127.0.0.1:9998"},
             {"NETRA_REVIEWERS", "telegram:1001, whatsapp:6281200000000"},
             {"NETRA_SECRET_KEY_FILE", "/tmp/k"}};
  Config c;
  Status s = LoadConfig("", env, &c);
  ASSERT_TRUE(s.ok()) << s.message();
  EXPECT_EQ(c.db_path, "/tmp/x.db");
  EXPECT_EQ(c.listen_host, "0.0.0.0");
  EXPECT_EQ(c.listen_port, 9090);
  EXPECT_EQ(c.telegram_api, "http://127.0.0.1:9999");
  EXPECT_TRUE(c.telegram_enabled());
  EXPECT_TRUE(c.whatsapp_enabled());
  ASSERT_EQ(c.reviewers.size(), 2u);
  EXPECT_EQ(c.reviewers[0], (ChatAddress{"telegram", "1001"}));
  EXPECT_EQ(c.reviewers[1], (ChatAddress{"whatsapp", "6281200000000"}));
  EXPECT_EQ(c.secret_key_file, "/tmp/k");
}

struct BadValue {
  std::string key;
  std::string value;
};

class ConfigRefusesTest : public ::testing::TestWithParam<BadValue> {};

TEST_P(ConfigRefusesTest, NamesTheKey) {
  Config c;
  Status s = LoadConfig("", {{GetParam().key, GetParam().value}}, &c);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.code(), Status::Code::kInvalidArgument);
  EXPECT_NE(s.message().find(GetParam().key), std::string::npos) << s.message();
}

INSTANTIATE_TEST_SUITE_P(
    Values, ConfigRefusesTest,
    ::testing::Values(BadValue{"NETRA_LISTEN", "8080"}, BadValue{"NETRA_LISTEN", "localhost:99999"},
                      BadValue{"NETRA_LISTEN", "localhost:http"}, BadValue{"NETRA_DB", ""},
                      BadValue{"NETRA_TELEGRAM_SECRET", "has space"}, BadValue{"NETRA_TELEGRAM_SECRET", ""},
                      BadValue{"NETRA_TELEGRAM_SECRET", std::string(257, 'a')},
                      BadValue{"NETRA_TELEGRAM_API", "ftp://x"}, BadValue{"NETRA_WHATSAPP_API", "graph"},
                      BadValue{"NETRA_WHATSAPP_PHONE_ID", "12ab"}, BadValue{"NETRA_REVIEWERS", "signal:1"},
                      BadValue{"NETRA_REVIEWERS", "telegram:abc"}, BadValue{"NETRA_REVIEWERS", "1001"},
                      BadValue{"NETRA_SECRET_KEY_FILE", ""}, BadValue{"NETRA_MAX_BODY_BYTES", "10"},
                      BadValue{"NETRA_SESSION_TIMEOUT", "soon"}, BadValue{"NETRA_RETENTION_DAYS", "0"},
                      BadValue{"NETRA_TLS_CERT", "/tmp/cert.pem"}));

TEST(ConfigTest, FileIsReadAndEnvironmentWins) {
  testing::TempDir dir;
  dir.Write("netra.conf", "# comment\nNETRA_DB = file.db\nNETRA_LISTEN=\"127.0.0.1:7000\"\n");
  Config c;
  ASSERT_TRUE(LoadConfig(dir.file("netra.conf"), {{"NETRA_DB", "env.db"}}, &c).ok());
  EXPECT_EQ(c.db_path, "env.db");
  EXPECT_EQ(c.listen_port, 7000);
}

TEST(ConfigTest, FileWithUnknownKeyOrBadLineIsRefused) {
  testing::TempDir dir;
  dir.Write("a.conf", "NETRA_DATABASE=x.db\n");
  dir.Write("b.conf", "just words\n");
  Config c;
  Status s = LoadConfig(dir.file("a.conf"), {}, &c);
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find("NETRA_DATABASE"), std::string::npos);
  EXPECT_FALSE(LoadConfig(dir.file("b.conf"), {}, &c).ok());
  EXPECT_EQ(LoadConfig(dir.file("missing.conf"), {}, &c).code(), Status::Code::kIoError);
}

}  // namespace
}  // namespace netra
