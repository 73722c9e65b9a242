#include "knowledge/answerer.h"

#include <gtest/gtest.h>

#include "knowledge/lint.h"

namespace netra {
namespace {

Entry MakeEntry(std::string id, std::string verdict, std::vector<std::string> paraphrases) {
  Entry e;
  e.id = id;
  e.topic = id;
  e.verdict = std::move(verdict);
  e.question = paraphrases.front();
  e.paraphrases = std::move(paraphrases);
  e.short_answer = "Jawaban singkat " + id + ".";
  e.explanation = "Penjelasan.";
  e.legal_basis = {{"PP 94/2021", "Pasal 5 huruf n"}};
  e.checked = "2026-11-23";
  return e;
}

Lexicon TestLexicon() {
  Lexicon lx;
  lx.slang = {{"gak", {"tidak"}}, {"sy", {"saya"}}, {"paslon", {"calon"}}};
  lx.synonyms = {{"pns", {"asn"}}};
  lx.stopwords = {"boleh", "tidak", "saya", "apakah", "bolehkah", "ke", "di", "yang"};
  lx.smalltalk = {{"halo", "greeting"}};
  return lx;
}

AnswerMessages TestMessages() {
  AnswerMessages m;
  m.decline = "Maaf.";
  m.suggestions = "Mungkin:";
  m.choices = "Maksud Anda:";
  m.smalltalk = {{"greeting", "Halo!"}};
  m.verdict_labels = {{"boleh", "✅ Boleh"}, {"bersyarat", "⚠️ Boleh dengan syarat"}, {"info", "ℹ️ Informasi"}};
  m.sanction = "⚖️ Sanksi: {sanction}";
  return m;
}

std::shared_ptr<const KnowledgeBase> TestBase() {
  std::vector<Entry> entries = {
      MakeEntry("kampanye-hadir", "bersyarat",
                {"Bolehkah ASN hadir di kampanye calon?", "pns nonton kampanye", "datang ke rapat umum kampanye"}),
      MakeEntry("medsos-like", "tidak_boleh",
                {"Bolehkah ASN like unggahan calon di media sosial?", "pns like postingan calon",
                 "komentar di instagram calon"}),
      MakeEntry("medsos-share", "tidak_boleh",
                {"Bolehkah ASN membagikan unggahan calon di media sosial?", "pns share postingan calon",
                 "bagikan video calon di facebook"}),
      MakeEntry("hak-pilih", "boleh", {"Apakah ASN boleh memilih di TPS?", "pns nyoblos di tps", "hak pilih asn"}),
  };
  return KnowledgeBase::Build(std::move(entries), {}, TestLexicon());
}

TEST(AnswererTest, AnswersAClearQuestion) {
  Answerer a(TestBase(), TestMessages());
  Answer ans = a.Ask("sy pns boleh gak nonton kampanye paslon?");
  ASSERT_EQ(ans.decision, Decision::kAnswer);
  EXPECT_EQ(ans.entry->id, "kampanye-hadir");
  EXPECT_GT(ans.confidence, 0.5);
  EXPECT_NE(ans.text.find("Boleh dengan syarat"), std::string::npos);
  nlohmann::json j = AnswerToJson(ans);
  EXPECT_EQ(j["topic"], "kampanye-hadir");
  EXPECT_EQ(j["verdict"], "bersyarat");
  EXPECT_EQ(j["entry"], "kampanye-hadir");
  EXPECT_TRUE(j["score"].is_number());
  EXPECT_TRUE(j["answer"].is_string());
}

TEST(AnswererTest, OffersChoicesWhenTwoEntriesAreClose) {
  Answerer a(TestBase(), TestMessages());
  Answer ans = a.Ask("postingan calon di media sosial");
  ASSERT_EQ(ans.decision, Decision::kChoices) << ans.text;
  ASSERT_GE(ans.candidates.size(), 2u);
  EXPECT_NE(ans.text.find("Maksud Anda:"), std::string::npos);
}

TEST(AnswererTest, DeclinesOutOfScopeWithoutAVerdict) {
  Answerer a(TestBase(), TestMessages());
  for (const char* q : {"resep rendang dong", "berapa gaji pns golongan tiga", "cuaca besok", ""}) {
    Answer ans = a.Ask(q);
    EXPECT_EQ(ans.decision, Decision::kDecline) << q;
    nlohmann::json j = AnswerToJson(ans);
    EXPECT_TRUE(j["topic"].is_null()) << q;
    EXPECT_TRUE(j["verdict"].is_null()) << q;
  }
}

TEST(AnswererTest, GreetingIsSmallTalkNotAVerdict) {
  Answerer a(TestBase(), TestMessages());
  Answer ans = a.Ask("Halooo");
  EXPECT_EQ(ans.decision, Decision::kSmallTalk);
  EXPECT_EQ(ans.text, "Halo!");
  EXPECT_TRUE(AnswerToJson(ans)["topic"].is_null());
}

TEST(RetrieverTest, RanksTheMatchingEntryFirstAndCoverageIsBounded) {
  auto kb = TestBase();
  auto hits = kb->retriever().Search(kb->normalizer().Terms("pns nyoblos di tps"), 3);
  ASSERT_FALSE(hits.empty());
  EXPECT_EQ(kb->entries()[hits[0].entry].id, "hak-pilih");
  for (const auto& h : hits) {
    EXPECT_GE(h.coverage, 0.0);
    EXPECT_LE(h.coverage, 1.0);
  }
  for (size_t i = 1; i < hits.size(); ++i) EXPECT_GE(hits[i - 1].score, hits[i].score);
  EXPECT_TRUE(kb->retriever().Search(kb->normalizer().Terms("zzzz qqqq"), 3).empty());
}

TEST(LintTest, FindsEveryKindOfProblem) {
  std::vector<Entry> entries = {
      MakeEntry("Bad Id", "maybe", {"satu", "dua", "tiga", "empat", "lima", "enam"}),
      MakeEntry("a", "tidak_boleh", {"sama", "x1", "x2", "x3", "x4", "x5"}),
      MakeEntry("b", "boleh", {"sama", "y1", "y2"}),
  };
  entries[1].legal_basis.clear();
  entries[1].related = {"nowhere"};
  entries[2].explanation = std::string(5000, 'x');
  entries[2].checked = "yesterday";
  std::vector<Topic> topics = {{"a", "boleh", "?", ""}, {"missing", "info", "?", ""}};
  auto kb = KnowledgeBase::Build(std::move(entries), std::move(topics), TestLexicon());
  std::vector<std::string> problems = LintKnowledgeBase(*kb, AnswerMessages{});
  auto has = [&](const std::string& needle) {
    return std::any_of(problems.begin(), problems.end(),
                       [&](const std::string& p) { return p.find(needle) != std::string::npos; });
  };
  EXPECT_TRUE(has("entry Bad Id: id must be lowercase"));
  EXPECT_TRUE(has("unknown verdict 'maybe'"));
  EXPECT_TRUE(has("verdict 'tidak_boleh' differs from topic a"));
  EXPECT_TRUE(has("entry a: cites no regulation"));
  EXPECT_TRUE(has("related entry 'nowhere' does not exist"));
  EXPECT_TRUE(has("entry b: has 3 paraphrases"));
  EXPECT_TRUE(has("paraphrase 'sama' is also in entry a"));
  EXPECT_TRUE(has("exceeds one 4096-character message"));
  EXPECT_TRUE(has("checked must be an ISO date"));
  EXPECT_TRUE(has("topic missing: no entry answers it"));
}

}  // namespace
}  // namespace netra

namespace netra {
namespace {

Lexicon SmallLexicon() {
  Lexicon lx;
  lx.stopwords = {"boleh", "tidak", "saya", "apakah", "bolehkah", "ke", "di", "yang", "kalau"};
  lx.followup = {"kalau", "kalo"};
  lx.slang = {{"kalo", {"kalau"}}};
  return lx;
}

// Verdict safety: a lenient answer with a stricter rival close behind becomes a choice; the same
// scores with the verdicts swapped (a strict answer, a lenient rival) are answered.
TEST(VerdictSafetyTest, LenientAnswerWithAStricterRivalIsAChoice) {
  auto answer = [](const std::string& best_verdict, const std::string& rival_verdict) {
    std::vector<Entry> entries = {
        MakeEntry("acara-warga", best_verdict, {"asn hadir acara warga desa", "asn datang acara warga desa"}),
        MakeEntry("acara-calon", rival_verdict, {"asn hadir acara calon", "asn datang acara calon bupati"}),
    };
    AnswerOptions options;  // only the verdict rule may make the rival "close" here
    options.choice_ratio = 0.99;
    options.verdict_rival_ratio = options.forbidden_rival_ratio = 0.3;
    options.choice_min_coverage = 0.3;
    Answerer a(KnowledgeBase::Build(std::move(entries), {}, SmallLexicon()), TestMessages(), options);
    Answer got = a.Ask("asn hadir acara warga desa calon");  // entries die with `a`: keep the id
    return std::make_pair(got.decision, got.entry ? got.entry->id : "");
  };
  EXPECT_EQ(answer("boleh", "tidak_boleh").first, Decision::kChoices);
  EXPECT_EQ(answer("tidak_boleh", "boleh"), std::make_pair(Decision::kAnswer, std::string("acara-warga")));
}

// An entry about one group (focus) does not win a question that never names the group.
TEST(FocusTest, EntryForAGroupRanksLowerWhenTheGroupIsNotNamed) {
  Entry retired = MakeEntry("pensiunan", "boleh", {"pensiunan jadi tim sukses", "pensiunan ikut tim sukses calon"});
  retired.focus = {"pensiunan"};
  std::vector<Entry> entries = {MakeEntry("tim-sukses", "tidak_boleh", {"asn jadi tim sukses", "pegawai tim sukses"}),
                                retired};
  Answerer a(KnowledgeBase::Build(std::move(entries), {}, SmallLexicon()), TestMessages());
  Answer plain = a.Ask("jadi tim sukses calon");
  ASSERT_NE(plain.entry, nullptr);
  EXPECT_EQ(plain.entry->id, "tim-sukses");
  Answer named = a.Ask("pensiunan jadi tim sukses calon");
  ASSERT_NE(named.entry, nullptr);
  EXPECT_EQ(named.entry->id, "pensiunan");
}

// A short follow-up is read with the question answered before; a question that stands alone is not.
TEST(FollowUpTest, ShortFollowUpUsesThePreviousQuestion) {
  std::vector<Entry> entries = {
      MakeEntry("atribut", "tidak_boleh", {"asn pakai kaos partai", "asn memakai atribut partai di luar jam kerja"}),
      MakeEntry("hak-pilih", "boleh", {"asn memilih di tps", "asn mencoblos di tps"}),
  };
  Answerer a(KnowledgeBase::Build(std::move(entries), {}, SmallLexicon()), TestMessages());
  const Entry* atribut = a.kb().FindEntry("atribut");
  ASSERT_NE(atribut, nullptr);
  Answer follow = a.AskFollowUp("kalo di luar jam kerja?", *atribut);
  ASSERT_EQ(follow.decision, Decision::kAnswer) << follow.text;
  EXPECT_EQ(follow.entry->id, "atribut");
  Answer alone = a.AskFollowUp("asn mencoblos di tps", *atribut);
  ASSERT_EQ(alone.decision, Decision::kAnswer);
  EXPECT_EQ(alone.entry->id, "hak-pilih");
}

// Every word of the layout comes from messages.json: verdict labels (unknown verdicts fall back
// to "info"), the legal-basis title, the sanction, doubt and under-review notes.
TEST(RenderAnswerTest, LayoutComesFromTheMessages) {
  AnswerMessages m;
  m.verdict_labels = {{"tidak_boleh", "NO"}, {"info", "INFO"}};
  m.legal_basis = "BASIS:";
  m.sanction = "SANCTION <{sanction}>";
  m.doubt = "DOUBT <{doubt}>";
  m.under_review = "UNDER REVIEW";
  Entry e;
  e.verdict = "tidak_boleh";
  e.short_answer = "short";
  e.explanation = "long";
  e.legal_basis = {{"UU 20/2023", "Pasal 9"}};
  e.sanction = "hukuman disiplin berat";
  EXPECT_EQ(RenderAnswer(e, m), "NO\n\nshort\n\nlong\n\nBASIS:\n• UU 20/2023, Pasal 9\n\nSANCTION <hukuman disiplin berat>");
  e.verdict = "something else";
  e.review = true;
  EXPECT_EQ(RenderAnswer(e, m).rfind("INFO\n\n", 0), 0u);
  EXPECT_NE(RenderAnswer(e, m).find("\n\nUNDER REVIEW"), std::string::npos);
  e.doubt = "{sanction}";  // a placeholder in the data is not filled again
  EXPECT_NE(RenderAnswer(e, m).find("DOUBT <{sanction}>"), std::string::npos);
  EXPECT_EQ(RenderAnswer(e, m).find("UNDER REVIEW"), std::string::npos);
}

}  // namespace
}  // namespace netra
