// kb_baseline: the gain of Netra's language handling, measured. Evaluates each question file with
// the shipped knowledge base twice: as Netra answers, and with a plain-BM25 baseline (the same
// entries and retriever, the normaliser reduced to lower-casing and stemming: no slang, regional
// words, synonyms, stopwords or spelling repair).
//
//   build/kb_baseline FILE.tsv [FILE.tsv ...]
#include "build_paths.h"
#include <cstdio>

#include "knowledge/answerer_holder.h"
#include "knowledge/eval.h"

using namespace netra;

int main(int argc, char** argv) {
  std::string dir = std::string(NETRA_SOURCE_DIR) + "/knowledge";
  std::shared_ptr<const Answerer> netra;
  Status s = LoadAnswerer(dir, &netra);
  AnswerMessages messages;
  if (s.ok()) s = AnswerMessages::Load(dir + "/messages.json", &messages);
  if (!s.ok()) {
    std::fprintf(stderr, "kb_baseline: %s\n", s.message().c_str());
    return 1;
  }
  NormalizerOptions plain;
  plain.repair_spelling = false;
  auto kb = KnowledgeBase::Build(netra->kb().entries(), netra->kb().topics(), Lexicon{}, RetrieverOptions{},
                                 LawLibrary{}, plain);
  Answerer baseline(kb, messages);
  for (int i = 1; i < argc; ++i) {
    for (const auto& [name, answerer] : {std::pair<const char*, const Answerer*>{"netra", netra.get()},
                                         {"plain BM25", &baseline}}) {
      EvalReport report;
      s = EvaluateFile(*answerer, argv[i], &report);
      if (!s.ok()) {
        std::fprintf(stderr, "kb_baseline: %s\n", s.message().c_str());
        return 1;
      }
      std::printf("== %s: %s\n%s\n", argv[i], name, FormatEvalReport(report, false).c_str());
    }
  }
  return 0;
}
