// The law library (knowledge/law/), the lint rules that depend on it, the "Bunyi pasal" messages
// and legal_basis in ask --json. Lint cases run on small fixture folders written by the test.
#include "knowledge/law_library.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <functional>
#include <nlohmann/json.hpp>

#include "base/text.h"
#include "knowledge/answerer.h"
#include "knowledge/answerer_holder.h"
#include "knowledge/lint.h"
#include "tests/test_util.h"

namespace netra {
namespace {

const char* kReg = "PP 94/2021 tentang Disiplin Pegawai Negeri Sipil";

nlohmann::json FixtureEntry() {
  return {{"id", "atribut"},
          {"topic", "atribut"},
          {"verdict", "tidak_boleh"},
          {"question", "Bolehkah PNS memakai atribut partai saat kampanye?"},
          {"paraphrases",
           {"pns pakai kaos partai boleh?", "asn pakai seragam dinas ke kampanye", "atribut partai untuk pns",
            "pns memakai topi calon", "pegawai negeri berkaos paslon", "guru pns pakai atribut caleg"}},
          {"short_answer", "PNS dilarang memakai atribut partai atau atribut PNS dalam kampanye."},
          {"explanation", "Penjelasan singkat."},
          {"legal_basis", {{{"regulation", kReg}, {"article", "Pasal 5 huruf n angka 2"}}}},
          {"sanction", ""},
          {"related", nlohmann::json::array()},
          {"review", false},
          {"checked", "2026-11-23"}};
}

nlohmann::json FixtureLaw() {
  return {{"regulation", kReg},
          {"source", "Lembaran Negara RI Tahun 2021 Nomor 202"},
          {"articles", {{{"article", "Pasal 5 huruf n angka 2"},
                         {"text", "2. menjadi peserta kampanye dengan menggunakan atribut partai atau atribut PNS;"}}}},
          {"unquoted", {{{"article", "Lampiran"}, {"reason", "not at hand"}}}}};
}

// A knowledge folder with one entry, one topic, the real lexicon and messages, and one law file.
class Fixture {
 public:
  Fixture(const nlohmann::json& entry, const nlohmann::json& law) {
    namespace fs = std::filesystem;
    std::string src = testing::SourceDir() + "/knowledge";
    fs::copy(src + "/lexicon", dir_.file("lexicon"), fs::copy_options::recursive);
    fs::copy_file(src + "/messages.json", dir_.file("messages.json"));
    fs::create_directories(dir_.file("entries"));
    fs::create_directories(dir_.file("law"));
    dir_.Write("entries/a.json", nlohmann::json::array({entry}).dump(2));
    dir_.Write("topics.tsv", "id\tverdict\tquestion\tmust_rest_on\n" + entry["id"].get<std::string>() + "\t" +
                                 entry["verdict"].get<std::string>() + "\tq\t\n");
    dir_.Write("law/pp-94-2021.json", law.dump(2));
  }
  std::string path() const { return dir_.path(); }
  std::vector<std::string> Lint() const {
    std::shared_ptr<const KnowledgeBase> kb;
    Status s = KnowledgeBase::Load(dir_.path(), &kb);
    EXPECT_TRUE(s.ok()) << s.message();
    return kb ? LintKnowledgeBase(*kb, AnswerMessages{}) : std::vector<std::string>{"load failed"};
  }

 private:
  testing::TempDir dir_;
};

bool Has(const std::vector<std::string>& problems, const std::string& needle) {
  for (const auto& p : problems) {
    if (p.find(needle) != std::string::npos) return true;
  }
  return false;
}

TEST(LawLibraryTest, RealDataLoadsAndEveryRecordHasTextOrReason) {
  LawLibrary law;
  Status s = LawLibrary::Load(testing::SourceDir() + "/knowledge/law", &law);
  ASSERT_TRUE(s.ok()) << s.message();
  EXPECT_GE(law.regulations().size(), 20u);
  EXPECT_GE(law.quoted_count(), 100u);
  std::vector<std::string> problems = law.Problems();
  EXPECT_TRUE(problems.empty()) << problems.front();
  for (const auto& reg : law.regulations()) {
    EXPECT_FALSE(reg.regulation.empty()) << reg.file;
    EXPECT_FALSE(reg.source.empty()) << reg.file;
    for (const auto& a : reg.articles) EXPECT_FALSE(a.text.empty()) << reg.file << " " << a.article;
    for (const auto& u : reg.unquoted) EXPECT_FALSE(u.reason.empty()) << reg.file << " " << u.article;
  }
  // The records the audit's fixes rely on.
  CitationResolution r = law.Resolve(kReg, "Penjelasan Pasal 5 huruf n angka 1");
  ASSERT_EQ(r.state, CitationState::kQuoted);
  EXPECT_NE(r.article->text.find("tanpa menggunakan atribut partai"), std::string::npos);
  EXPECT_EQ(law.Resolve(kReg, "Pasal 13 huruf g").state, CitationState::kQuoted);
  EXPECT_EQ(law.Resolve("UU 20/2023 tentang Aparatur Sipil Negara", "Pasal 9 ayat (2)").state, CitationState::kQuoted);
  EXPECT_EQ(law.Resolve("Keputusan Bersama 5 Lembaga (SKB) 2022 tentang Pedoman Pembinaan dan Pengawasan Netralitas ASN",
                        "Lampiran")
                .state,
            CitationState::kUnquoted);
}

TEST(LawLibraryTest, ResolvesExactCitationsOnly) {
  LawLibrary law = LawLibrary::FromRegulations(
      {{"f.json", "R", "S", {{"Pasal 1", "teks", ""}, {"Pasal 2", " ", ""}}, {{"Lampiran", "no text"}}}});
  struct Case {
    std::string regulation, article;
    CitationState want;
  } cases[] = {
      {"R", "Pasal 1", CitationState::kQuoted},           {"R", "Lampiran", CitationState::kUnquoted},
      {"R", "", CitationState::kWhole},                   {"R", "Pasal 3", CitationState::kUnknownArticle},
      {"R", "Pasal 2", CitationState::kUnknownArticle},   {"R", "pasal 1", CitationState::kUnknownArticle},
      {"X", "Pasal 1", CitationState::kUnknownRegulation}, {"", "", CitationState::kUnknownRegulation},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(law.Resolve(c.regulation, c.article).state, c.want) << c.regulation << " / " << c.article;
  }
}

TEST(LawLibraryTest, MissingFolderIsEmptyAndMalformedFileIsRefused) {
  testing::TempDir dir;
  LawLibrary law;
  EXPECT_TRUE(LawLibrary::Load(dir.file("absent"), &law).ok());
  EXPECT_TRUE(law.regulations().empty());
  dir.Write("bad.json", "{not json");
  Status s = LawLibrary::Load(dir.path(), &law);
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find("bad.json"), std::string::npos);
}

TEST(LawLintTest, CleanFixturePasses) {
  Fixture f(FixtureEntry(), FixtureLaw());
  std::vector<std::string> problems = f.Lint();
  EXPECT_TRUE(problems.empty()) << problems.front();
}

TEST(LawLintTest, EachRuleFails) {
  struct Case {
    const char* name;
    std::function<void(nlohmann::json& entry, nlohmann::json& law)> edit;
    const char* want;
  } cases[] = {
      {"unknown regulation", [](auto& e, auto&) { e["legal_basis"][0]["regulation"] = "PP 99/2099"; },
       "cites 'PP 99/2099', which knowledge/law does not hold"},
      {"unknown article", [](auto& e, auto&) { e["legal_basis"][0]["article"] = "Pasal 77"; },
       "cites 'Pasal 77' of '"},
      {"empty text", [](auto&, auto& l) { l["articles"][0]["text"] = ""; }, "'Pasal 5 huruf n angka 2' has empty text"},
      {"no regulation", [](auto&, auto& l) { l.erase("regulation"); }, "law pp-94-2021.json: has no regulation"},
      {"no source", [](auto&, auto& l) { l["source"] = ""; }, "law pp-94-2021.json: has no source"},
      {"unquoted without reason", [](auto&, auto& l) { l["unquoted"][0]["reason"] = ""; },
       "unquoted 'Lampiran' has no reason"},
      {"review without doubt", [](auto& e, auto&) { e["review"] = true; }, "marked for review but has no doubt"},
      {"opens with Boleh", [](auto& e, auto&) { e["short_answer"] = "Boleh, asal tanpa atribut."; },
       "short_answer repeats the verdict"},
      {"opens with Tidak boleh", [](auto& e, auto&) { e["short_answer"] = "Tidak boleh. PNS dilarang."; },
       "short_answer repeats the verdict"},
      {"opens with Boleh dengan syarat", [](auto& e, auto&) { e["short_answer"] = "boleh dengan syarat tertentu."; },
       "short_answer repeats the verdict"},
  };
  for (const auto& c : cases) {
    nlohmann::json entry = FixtureEntry(), law = FixtureLaw();
    c.edit(entry, law);
    Fixture f(entry, law);
    EXPECT_TRUE(Has(f.Lint(), c.want)) << c.name;
  }
}

TEST(LawLintTest, DoubtAndBolehkahAreFine) {
  nlohmann::json entry = FixtureEntry();
  entry["review"] = true;
  entry["doubt"] = "Belum ada aturan khusus untuk kasus ini.";
  entry["short_answer"] = "Bolehkah? PNS dilarang memakai atribut partai.";
  Fixture f(entry, FixtureLaw());
  std::vector<std::string> problems = f.Lint();
  EXPECT_TRUE(problems.empty()) << problems.front();
  Entry e = entry.get<Entry>();
  AnswerMessages messages;
  ASSERT_TRUE(AnswerMessages::Load(testing::SourceDir() + "/knowledge/messages.json", &messages).ok());
  std::string answer = RenderAnswer(e, messages);
  EXPECT_NE(answer.find("(Catatan: Belum ada aturan khusus untuk kasus ini.)"), std::string::npos) << answer;
  EXPECT_EQ(answer.find("masih ditinjau ulang"), std::string::npos);
}

TEST(SplitQuotedTextTest, KeepsLimitsAndUtf8) {
  std::string para = "Pasal 1 berbunyi panjang sekali. ";
  std::string text;
  for (int i = 0; i < 200; ++i) text += para + (i % 10 == 9 ? "\n" : "");
  text += std::string(5000, 'x');  // one unbroken run
  for (int i = 0; i < 3000; ++i) text += "é😀";  // 2-byte and 4-byte sequences
  for (size_t limit : {size_t{50}, size_t{3500}}) {
    std::vector<std::string> pieces = SplitQuotedText(text, limit);
    ASSERT_GT(pieces.size(), 1u);
    std::string joined;
    for (const auto& p : pieces) {
      EXPECT_LE(Utf16Units(p), limit);
      EXPECT_FALSE(p.empty());
      joined += p;
      // Every piece is valid UTF-8: it starts on a lead byte and ends on a complete sequence.
      EXPECT_NE(static_cast<unsigned char>(p.front()) & 0xC0, 0x80);
      size_t i = 0;
      while (i < p.size()) i += Utf8SequenceLength(static_cast<unsigned char>(p[i]));
      EXPECT_EQ(i, p.size());
    }
    // Nothing but the breaking whitespace is lost.
    auto squeeze = [](const std::string& t) {
      std::string o;
      for (char c : t) if (c != ' ' && c != '\n') o += c;
      return o;
    };
    EXPECT_EQ(squeeze(joined), squeeze(text));
  }
  std::vector<std::string> paras = SplitQuotedText("satu dua.\n\ntiga empat lima.", 12);
  ASSERT_EQ(paras.size(), 3u);
  EXPECT_EQ(paras[0], "satu dua.");
  EXPECT_TRUE(SplitQuotedText("", 10).empty());
}

TEST(QuotedArticlesTest, OneMessagePerCitationWithinLimit) {
  nlohmann::json entry = FixtureEntry(), law = FixtureLaw();
  std::string long_text;
  for (int i = 0; i < 400; ++i) long_text += "(" + std::to_string(i) + ") Ayat yang panjang sekali bunyinya.\n";
  law["articles"].push_back({{"article", "Pasal 8"}, {"text", long_text}, {"note", "sebagaimana diubah"}});
  entry["legal_basis"].push_back({{"regulation", kReg}, {"article", "Pasal 8"}});
  entry["legal_basis"].push_back({{"regulation", kReg}, {"article", "Lampiran"}});
  entry["legal_basis"].push_back({{"regulation", kReg}, {"article", ""}});
  Fixture f(entry, law);
  std::shared_ptr<const Answerer> answerer;
  Status s = LoadAnswerer(f.path(), &answerer);
  ASSERT_TRUE(s.ok()) << s.message();
  const Entry* e = answerer->kb().FindEntry("atribut");
  ASSERT_NE(e, nullptr);
  std::vector<std::string> msgs = answerer->QuotedArticles(*e);
  ASSERT_GE(msgs.size(), 5u);
  for (const auto& m : msgs) EXPECT_LE(Utf16Units(m), Answerer::kMaxQuotedMessage);
  EXPECT_EQ(msgs[0].rfind(std::string("📜 ") + kReg + ", Pasal 5 huruf n angka 2", 0), 0u) << msgs[0];
  EXPECT_NE(msgs[0].find("atribut partai atau atribut PNS"), std::string::npos);
  EXPECT_NE(msgs[msgs.size() - 2].find("belum tersedia"), std::string::npos);
  EXPECT_NE(msgs.back().find("keseluruhan"), std::string::npos);

  // ask --json: legal_basis carries the quoted text, null when none is held.
  Answer a;
  a.decision = Decision::kAnswer;
  a.entry = e;
  nlohmann::json j = AnswerToJson(a, &answerer->kb().law());
  ASSERT_EQ(j["legal_basis"].size(), 4u);
  EXPECT_EQ(j["legal_basis"][0]["regulation"], kReg);
  EXPECT_EQ(j["legal_basis"][0]["article"], "Pasal 5 huruf n angka 2");
  EXPECT_TRUE(j["legal_basis"][0]["text"].is_string());
  EXPECT_TRUE(j["legal_basis"][2]["text"].is_null());
  a.decision = Decision::kDecline;
  EXPECT_TRUE(AnswerToJson(a, &answerer->kb().law())["legal_basis"].empty());

  Entry bare = *e;
  bare.legal_basis.clear();
  EXPECT_EQ(answerer->QuotedArticles(bare).size(), 1u);
}

}  // namespace
}  // namespace netra
