// The command line of the interface contract, run as a user would: ask (--json, --jsonl),
// kb lint, kb eval, kb unanswered, dialogs lint, and a scripted `netra chat` session.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "build_paths.h"
#include "tests/subprocess.h"
#include "tests/test_util.h"

namespace netra {
namespace {

class CliTest : public ::testing::Test {
 protected:
  std::map<std::string, std::string> Env() {
    return {{"NETRA_DB", dir_.file("netra.db")}, {"NETRA_SECRET_KEY_FILE", dir_.file("netra.key")}};
  }
  int Run(const std::vector<std::string>& args, const std::string& stdin_text = "") {
    std::string in = dir_.file("stdin.txt");
    std::ofstream(in) << stdin_text;
    return testing::RunNetra(args, Env(), dir_.path(), &out_, &err_, in);
  }
  testing::TempDir dir_;
  std::string out_, err_;
};

TEST_F(CliTest, AskPrintsTheAnswer) {
  ASSERT_EQ(Run({"ask", "bolehkah pns jadi anggota partai politik?"}), 0) << err_;
  EXPECT_EQ(out_.rfind("⛔ Tidak boleh", 0), 0u) << out_;
  EXPECT_EQ(Run({"ask"}), 2);
}

// Off-topic questions are told where to go instead, and never get a verdict.
TEST_F(CliTest, OffTopicDeclineSaysWhereToGo) {
  ASSERT_EQ(Run({"ask", "--json", "cara bikin ktp baru gimana"}), 0) << err_;
  nlohmann::json j = nlohmann::json::parse(out_);
  EXPECT_EQ(j["decision"], "decline");
  EXPECT_TRUE(j["verdict"].is_null());
  EXPECT_NE(j["answer"].get<std::string>().find("Disdukcapil"), std::string::npos) << out_;
}

TEST_F(CliTest, AskJsonHasTheContractFields) {
  ASSERT_EQ(Run({"ask", "--json", "asn boleh golput ga sih?"}), 0) << err_;
  nlohmann::json j = nlohmann::json::parse(out_);
  for (const char* field : {"topic", "verdict", "score", "entry", "answer"}) EXPECT_TRUE(j.contains(field)) << field;
  EXPECT_EQ(j["topic"], "hak-pilih");
  EXPECT_EQ(j["verdict"], "boleh");
  EXPECT_TRUE(j["score"].is_number());
}

TEST_F(CliTest, AskJsonCarriesTheQuotedLegalBasis) {
  ASSERT_EQ(Run({"ask", "--json", "pns boleh pakai kaos partai waktu kampanye?"}), 0) << err_;
  nlohmann::json j = nlohmann::json::parse(out_);
  ASSERT_TRUE(j["legal_basis"].is_array());
  ASSERT_FALSE(j["legal_basis"].empty()) << out_;
  size_t quoted = 0;
  for (const auto& b : j["legal_basis"]) {
    EXPECT_TRUE(b["regulation"].is_string());
    EXPECT_TRUE(b["article"].is_string());
    ASSERT_TRUE(b.contains("text"));
    EXPECT_TRUE(b["text"].is_string() || b["text"].is_null());
    quoted += b["text"].is_string();
  }
  EXPECT_GT(quoted, 0u) << out_;
  ASSERT_EQ(Run({"ask", "--json", "resep rendang dong"}), 0) << err_;
  EXPECT_TRUE(nlohmann::json::parse(out_)["legal_basis"].empty());
}

TEST_F(CliTest, AskJsonlAnswersEveryLineAndDeclinesOutOfScope) {
  ASSERT_EQ(Run({"ask", "--jsonl"}, "pns boleh ikut kampanye?\nresep rendang dong\nhalo\n"), 0) << err_;
  std::stringstream lines(out_);
  std::vector<nlohmann::json> answers;
  for (std::string line; std::getline(lines, line);) answers.push_back(nlohmann::json::parse(line));
  ASSERT_EQ(answers.size(), 3u);
  EXPECT_FALSE(answers[0]["topic"].is_null());
  EXPECT_TRUE(answers[1]["topic"].is_null());
  EXPECT_TRUE(answers[1]["verdict"].is_null());
  EXPECT_TRUE(answers[2]["verdict"].is_null());
}

TEST_F(CliTest, KbLintAndEval) {
  ASSERT_EQ(Run({"kb", "lint"}), 0) << out_ << err_;
  EXPECT_NE(out_.find(": ok"), std::string::npos);
  std::ofstream(dir_.file("eval.tsv")) << "question\ttopic\npns boleh jadi timses?\ttim-kampanye\ncuaca besok\t-\n";
  ASSERT_EQ(Run({"kb", "eval", dir_.file("eval.tsv")}), 0) << err_;
  EXPECT_NE(out_.find("in-scope top-1 accuracy: 1/1"), std::string::npos) << out_;
  EXPECT_NE(out_.find("out-of-scope declined:   1/1"), std::string::npos) << out_;
}

TEST_F(CliTest, BrokenKnowledgeBaseIsRefusedClearly) {
  namespace fs = std::filesystem;
  fs::copy(testing::SourceDir() + "/knowledge", dir_.file("kb"), fs::copy_options::recursive);
  std::ofstream(dir_.file("kb/entries/zz.json")) << "[{\"id\": \"x\"}]";
  auto env = Env();
  env["NETRA_KB_DIR"] = dir_.file("kb");
  EXPECT_EQ(testing::RunNetra({"kb", "lint"}, env, dir_.path(), &out_, &err_), 1);
  EXPECT_NE(err_.find("zz.json"), std::string::npos) << err_;
}

// `cmake --install` gives a program that finds its data beside it: run from an unrelated folder
// with no NETRA_* setting, it answers as the build-tree program does, and it reads the installed
// copy, not the source tree (removing the installed entries breaks it; NETRA_KB_DIR still wins).
TEST_F(CliTest, InstalledProgramRunsFromAnyFolder) {
  namespace fs = std::filesystem;
  testing::TempDir prefix, elsewhere;
  std::map<std::string, std::string> path_only = {{"PATH", "/usr/bin:/bin"}};
  testing::Subprocess install({NETRA_CMAKE, "--install", NETRA_BUILD_DIR, "--prefix", prefix.path()}, path_only,
                              dir_.file("install.out"), dir_.file("install.err"));
  ASSERT_EQ(install.Wait(std::chrono::seconds(120)), 0) << install.Stdout() << install.Stderr();
  const std::string share = prefix.file("share/netra");
  for (const char* f : {"knowledge/messages.json", "knowledge/topics.tsv", "knowledge/lexicon/stopwords.txt",
                        "knowledge/law/uu-20-2023.json", "knowledge/entries/extra.json", "dialogs/scripts/common.json"}) {
    EXPECT_TRUE(fs::exists(share + "/" + f)) << f;
  }
  const std::string netra = prefix.file("bin/netra");
  ASSERT_TRUE(fs::exists(netra));

  // Runs the installed program in `elsewhere` with exactly `env`.
  auto run = [&](std::vector<std::string> args, const std::map<std::string, std::string>& env) {
    std::vector<std::string> argv = {"/bin/sh", "-c", "cd \"$0\" && exec \"$@\"", elsewhere.path(), netra};
    argv.insert(argv.end(), args.begin(), args.end());
    testing::Subprocess p(argv, env, dir_.file("installed.out"), dir_.file("installed.err"));
    int code = p.Wait(std::chrono::seconds(60));
    out_ = p.Stdout();
    err_ = p.Stderr();
    return code;
  };

  ASSERT_EQ(Run({"ask", "boleh pns ikut kampanye?"}), 0) << err_;
  std::string from_build_tree = out_;
  ASSERT_EQ(run({"ask", "boleh pns ikut kampanye?"}, {}), 0) << err_;
  EXPECT_FALSE(out_.empty());
  EXPECT_EQ(out_, from_build_tree);
  ASSERT_EQ(run({"ask", "bolehkah pns jadi anggota partai politik?"}, {}), 0) << err_;
  EXPECT_EQ(out_.rfind("⛔ Tidak boleh", 0), 0u) << out_;
  ASSERT_EQ(run({"--version"}, {}), 0) << err_;
  EXPECT_EQ(out_.rfind("netra ", 0), 0u) << out_;
  ASSERT_EQ(run({"dialogs", "lint"}, {}), 0) << out_ << err_;

  fs::remove_all(share + "/knowledge/entries");
  EXPECT_EQ(run({"ask", "boleh pns ikut kampanye?"}, {}), 1);
  EXPECT_NE(err_.find(share + "/knowledge/entries"), std::string::npos) << err_;
  ASSERT_EQ(run({"ask", "boleh pns ikut kampanye?"}, {{"NETRA_KB_DIR", testing::SourceDir() + "/knowledge"}}), 0)
      << err_;
  EXPECT_EQ(out_, from_build_tree);
}

TEST_F(CliTest, ScriptedChatSessionThroughTheDialogs) {
  std::string session =
      "bolehkah asn pasang stiker paslon di mobil pribadi?\n"
      "/lapor\n1\n6\nKepala Desa Sukamaju\nKab. Garut, balai desa\nkemarin\n"
      "Membagikan sembako bergambar paslon kepada warga setelah pengajian.\nlewati\n1\n";
  ASSERT_EQ(Run({"chat"}, session), 0) << err_;
  EXPECT_NE(out_.find("selamat datang"), std::string::npos);
  EXPECT_NE(out_.find("⛔ Tidak boleh"), std::string::npos);
  EXPECT_NE(out_.find("  1) "), std::string::npos) << "buttons appear as numbered choices";
  EXPECT_NE(out_.find("Kode tiket Anda:"), std::string::npos) << out_;
  // "📜 Bunyi pasal" is a numbered choice in the terminal too.
  ASSERT_EQ(Run({"chat"}, "bolehkah pns pakai kaos partai waktu kampanye?\n3\n"), 0) << err_;
  EXPECT_NE(out_.find("📜 Bunyi pasal"), std::string::npos) << out_;
  EXPECT_NE(out_.find("Pasal 13 huruf g"), std::string::npos) << out_;
  // The declined-question log works from the chat too.
  ASSERT_EQ(Run({"chat"}, "berapa harga cabai hari ini?\n"), 0);
  ASSERT_EQ(Run({"kb", "unanswered"}), 0);
  EXPECT_NE(out_.find("1\t"), std::string::npos) << out_;
  EXPECT_NE(out_.find("harga cabai"), std::string::npos) << out_;
}

TEST_F(CliTest, ReviewerChatAndCommands) {
  ASSERT_EQ(Run({"reviewer", "add", "telegram:1001", "--admin"}), 0) << err_;
  ASSERT_EQ(Run({"reviewer", "list"}), 0);
  EXPECT_NE(out_.find("telegram:1001\tadmin"), std::string::npos);
  EXPECT_EQ(Run({"reviewer", "add", "sms:1"}), 2);
  ASSERT_EQ(Run({"chat", "--as", "reviewer"}, "/antrian\n/bantuan\n"), 0) << err_;
  EXPECT_NE(out_.find("Tidak ada laporan terbuka."), std::string::npos) << out_;
  ASSERT_EQ(Run({"audit", "verify"}), 0) << out_;
  EXPECT_NE(out_.find("audit log intact"), std::string::npos);
  ASSERT_EQ(Run({"dialogs", "lint"}), 0) << out_;
}

}  // namespace
}  // namespace netra
