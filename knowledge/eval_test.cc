#include "knowledge/eval.h"

#include <gtest/gtest.h>

#include <fstream>

#include "tests/test_util.h"

namespace netra {
namespace {

Entry Plain(std::string id, std::string verdict, std::vector<std::string> paraphrases) {
  Entry e;
  e.id = e.topic = std::move(id);
  e.verdict = std::move(verdict);
  e.question = paraphrases.front();
  e.paraphrases = std::move(paraphrases);
  e.short_answer = "Jawaban.";
  e.explanation = "Penjelasan.";
  e.checked = "2026-11-23";
  return e;
}

TEST(EvalTest, CountsPerStyleAndWrongVerdicts) {
  Lexicon lx;
  lx.stopwords = {"boleh", "apakah"};
  std::vector<Entry> entries = {Plain("hak-pilih", "boleh", {"asn memilih di tps", "asn mencoblos di tps"}),
                                Plain("atribut", "tidak_boleh", {"asn memakai kaos partai", "asn pakai atribut partai"})};
  AnswerMessages m;
  m.decline = "Maaf.";
  m.choices = "Maksud Anda:";
  m.smalltalk = {{"greeting", "Halo!"}};
  Answerer answerer(KnowledgeBase::Build(std::move(entries), {}, lx), m);
  testing::TempDir dir;
  std::ofstream(dir.file("e.tsv")) << "question\ttopic\tstyle\n"
                                      "asn mencoblos di tps\thak-pilih\tslang\n"
                                      "asn memakai kaos partai\tatribut\tformal\n"
                                      "asn memakai kaos partai\thak-pilih\tformal\n"  // a wrong verdict
                                      "harga cabai hari ini\tnone\tofftopic\n";
  EvalReport r;
  ASSERT_TRUE(EvaluateFile(answerer, dir.file("e.tsv"), &r).ok());
  EXPECT_EQ(r.in_scope, 3);
  EXPECT_EQ(r.in_scope_correct, 2);
  EXPECT_EQ(r.out_of_scope_declined, 1);
  EXPECT_EQ(r.wrong_verdicts, 1);
  ASSERT_EQ(r.by_style.size(), 3u);
  EXPECT_EQ(r.by_style["formal"].in_scope, 2);
  EXPECT_EQ(r.by_style["formal"].wrong_verdicts, 1);
  EXPECT_EQ(r.by_style["slang"].in_scope_correct, 1);
  std::string text = FormatEvalReport(r, false);
  EXPECT_NE(text.find("style formal"), std::string::npos) << text;
  EXPECT_NE(text.find("wrong verdicts:          1"), std::string::npos) << text;
  // Two columns still work; a line with four does not.
  std::ofstream(dir.file("bad.tsv")) << "a\tb\tc\td\n";
  EXPECT_FALSE(EvaluateFile(answerer, dir.file("bad.tsv"), &r).ok());
}

}  // namespace
}  // namespace netra
