// kb_bench: answer latency, load time and peak memory of the knowledge base.
//
//   build/kb_bench [knowledge-dir] [questions.tsv]
//
// Measures the shipped base, then (in a child process, for its own peak memory) a generated base
// of 10,000 entries made from the shipped vocabulary (same shape: question, 12 paraphrases,
// keywords, answer text). Latency is shown as wall time and as the thread's CPU time.
#include "build_paths.h"
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <ctime>

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

// CPU time of this thread in microseconds: unlike wall time, not inflated when other processes
// take the core (these machines are shared).
double ThreadCpuUs() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e6 + static_cast<double>(ts.tv_nsec) / 1e3;
}

void Measure(const char* label, const Answerer& answerer, const std::vector<std::string>& questions, int rounds) {
  std::vector<double> wall, cpu;
  wall.reserve(questions.size() * rounds);
  cpu.reserve(questions.size() * rounds);
  for (int r = 0; r < rounds; ++r) {
    for (const auto& q : questions) {
      auto t0 = Clock::now();
      double c0 = ThreadCpuUs();
      Answer a = answerer.Ask(q);
      cpu.push_back(ThreadCpuUs() - c0);
      wall.push_back(std::chrono::duration<double, std::micro>(Clock::now() - t0).count());
      if (a.text.empty()) std::abort();
    }
  }
  auto show = [&](const char* what, std::vector<double>& us) {
    std::sort(us.begin(), us.end());
    auto pct = [&](double p) { return us[static_cast<size_t>(p * static_cast<double>(us.size() - 1))]; };
    std::printf("%-16s %-4s %7zu answers  p50 %7.1f us  p99 %7.1f us  max %7.1f us\n", label, what, us.size(),
                pct(0.5), pct(0.99), us.back());
  };
  show("wall", wall);
  show("cpu", cpu);
}

// `n` entries shaped like the shipped ones (question, 12 paraphrases, keywords, answer text), their
// words drawn from the shipped paraphrases.
std::vector<Entry> GeneratedEntries(const KnowledgeBase& shipped, size_t n) {
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
  entries.reserve(n);
  for (size_t i = 0; i < n; ++i) {
    Entry e = shipped.entries()[i % shipped.entries().size()];
    e.id = "gen-" + std::to_string(i);
    e.topic = "gen-" + std::to_string(i);
    e.question = sentence(9);
    e.paraphrases.assign(12, "");  // sized as a loaded entry would be, not the template's capacity
    for (auto& p : e.paraphrases) p = sentence(8);
    e.keywords = {sentence(1), sentence(2), sentence(1)};
    e.short_answer = sentence(25);
    e.explanation = sentence(70);
    e.related = {};
    entries.push_back(std::move(e));
  }
  return entries;
}

}  // namespace

// The generated base alone, in a fresh process (see main): builds it from the shipped vocabulary,
// drops the shipped base, measures. Returns the exit code.
int MeasureGenerated(const std::string& dir, const std::string& tsv) {
  std::shared_ptr<const Answerer> shipped;
  AnswerMessages messages;
  if (!LoadAnswerer(dir, &shipped).ok() || !AnswerMessages::Load(dir + "/messages.json", &messages).ok()) return 1;
  std::vector<std::string> questions = Questions(shipped->kb(), tsv);
  auto t0 = Clock::now();
  std::vector<Entry> entries = GeneratedEntries(shipped->kb(), 10000);
  std::vector<Topic> topics = shipped->kb().topics();
  shipped.reset();  // a server holds one base at a time
  Lexicon lexicon;
  if (!Lexicon::Load(dir + "/lexicon", &lexicon).ok()) return 1;
  auto big = KnowledgeBase::Build(std::move(entries), std::move(topics), std::move(lexicon));
  std::printf("generated base: %zu entries, %zu terms, %zu postings, built in %.1f ms\n", big->entries().size(),
              big->retriever().vocabulary_size(), big->retriever().postings_size(), Ms(Clock::now() - t0));
  Answerer big_answerer(big, messages);
  Measure("generated 10k", big_answerer, questions, 20);
  std::printf("generated base process: peak RSS %ld MB\n", PeakRssMb());
  return 0;
}

int main(int argc, char** argv) {
  bool generated_only = argc > 1 && std::string(argv[1]) == "--generated";
  if (generated_only) {
    --argc;
    ++argv;
  }
  std::string dir = argc > 1 ? argv[1] : std::string(NETRA_SOURCE_DIR) + "/knowledge";
  std::string tsv = argc > 2 ? argv[2] : std::string(NETRA_SOURCE_DIR) + "/../shared/eval/faq-dev.tsv";
  if (generated_only) return MeasureGenerated(dir, tsv);

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

  std::fflush(stdout);

  // The generated base in a fresh process of its own, so the peak memory is its own.
  pid_t child = fork();
  if (child == 0) {
    execl("/proc/self/exe", "kb_bench", "--generated", dir.c_str(), tsv.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  int status = 0;
  waitpid(child, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}
