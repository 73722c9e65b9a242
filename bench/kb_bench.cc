// kb_bench: answer latency, load time and peak memory of the knowledge base.
//
//   build/kb_bench [knowledge-dir] [questions.tsv]
//
// Measures the shipped base, then a generated base of 10,000 entries made from the shipped
// vocabulary (same shape: question, 12 paraphrases, keywords, answer text).
#include "build_paths.h"
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <random>

#include "knowledge/answerer_holder.h"

using namespace netra;
using Clock = std::chrono::steady_clock;

namespace {

double Ms(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

long PeakRssMb() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return ru.ru_maxrss / 1024;
}

std::vector<std::string> Questions(const KnowledgeBase& kb, const std::string& tsv) {
  std::vector<std::string> qs;
  std::ifstream in(tsv);
  std::string line;
  while (std::getline(in, line)) {
    size_t tab = line.find('\t');
    if (tab != std::string::npos && line.rfind("question\t", 0) != 0) qs.push_back(line.substr(0, tab));
  }
  for (const auto& e : kb.entries()) qs.push_back(e.question);
  qs.push_back("min sy pns boleh gak dtg kampanye paslon?");
  qs.push_back("resep rendang dong");
  return qs;
}

void Measure(const char* label, const Answerer& answerer, const std::vector<std::string>& questions, int rounds) {
  std::vector<double> us;
  us.reserve(questions.size() * rounds);
  for (int r = 0; r < rounds; ++r) {
    for (const auto& q : questions) {
      auto t0 = Clock::now();
      Answer a = answerer.Ask(q);
      auto t1 = Clock::now();
      if (a.text.empty()) std::abort();
      us.push_back(std::chrono::duration<double, std::micro>(t1 - t0).count());
    }
  }
  std::sort(us.begin(), us.end());
  auto pct = [&](double p) { return us[static_cast<size_t>(p * (us.size() - 1))]; };
  std::printf("%-22s %7zu answers  p50 %7.1f us  p99 %7.1f us  max %7.1f us\n", label, us.size(), pct(0.5),
              pct(0.99), us.back());
}

std::shared_ptr<const KnowledgeBase> Generated(const KnowledgeBase& shipped, const std::string& dir, size_t n) {
  std::vector<std::string> words;
  for (const auto& e : shipped.entries()) {
    for (const auto& p : e.paraphrases) {
      for (const auto& w : shipped.normalizer().Surface(p)) words.push_back(w);
    }
  }
  std::mt19937 rng(42);
  std::uniform_int_distribution<size_t> pick(0, words.size() - 1);
  auto sentence = [&](int len) {
    std::string s;
    for (int i = 0; i < len; ++i) s += (i ? " " : "") + words[pick(rng)];
    return s;
  };
  std::vector<Entry> entries;
  for (size_t i = 0; i < n; ++i) {
    Entry e = shipped.entries()[i % shipped.entries().size()];
    e.id = "gen-" + std::to_string(i);
    e.topic = "gen-" + std::to_string(i);
    e.question = sentence(9);
    e.paraphrases.clear();
    for (int p = 0; p < 12; ++p) e.paraphrases.push_back(sentence(8));
    e.keywords = {sentence(1), sentence(2), sentence(1)};
    e.short_answer = sentence(25);
    e.explanation = sentence(70);
    e.related.clear();
    entries.push_back(std::move(e));
  }
  Lexicon lexicon;
  if (!Lexicon::Load(dir + "/lexicon", &lexicon).ok()) std::abort();
  return KnowledgeBase::Build(std::move(entries), shipped.topics(), std::move(lexicon));
}

}  // namespace

int main(int argc, char** argv) {
  std::string dir = argc > 1 ? argv[1] : std::string(NETRA_SOURCE_DIR) + "/knowledge";
  std::string tsv = argc > 2 ? argv[2] : std::string(NETRA_SOURCE_DIR) + "/../shared/eval/faq-dev.tsv";

  auto t0 = Clock::now();
  std::shared_ptr<const Answerer> shipped;
  Status s = LoadAnswerer(dir, &shipped);
  if (!s.ok()) {
    std::fprintf(stderr, "%s\n", s.message().c_str());
    return 1;
  }
  std::printf("shipped base: %zu entries, loaded and linted in %.1f ms, peak RSS %ld MB\n",
              shipped->kb().entries().size(), Ms(Clock::now() - t0), PeakRssMb());
  std::vector<std::string> questions = Questions(shipped->kb(), tsv);
  Measure("shipped", *shipped, questions, 200);

  AnswerMessages messages;
  if (!AnswerMessages::Load(dir + "/messages.json", &messages).ok()) return 1;
  t0 = Clock::now();
  auto big = Generated(shipped->kb(), dir, 10000);
  std::printf("generated base: %zu entries, built in %.1f ms, peak RSS %ld MB\n", big->entries().size(),
              Ms(Clock::now() - t0), PeakRssMb());
  Answerer big_answerer(big, messages);
  Measure("generated 10k", big_answerer, questions, 20);
  std::printf("peak RSS %ld MB\n", PeakRssMb());
  return 0;
}
