// kb_tune: sweeps retrieval and decision parameters over question/topic files and prints the
// accuracy of each setting, to choose defaults that hold across sets rather than fit one.
//
//   build/kb_tune FILE.tsv [FILE.tsv ...]
#include "build_paths.h"
#include <cstdio>
#include <fstream>

#include "knowledge/answerer_holder.h"
#include "knowledge/eval.h"

using namespace netra;

int main(int argc, char** argv) {
  std::string dir = std::string(NETRA_SOURCE_DIR) + "/knowledge";
  std::shared_ptr<const KnowledgeBase> shipped;
  if (!KnowledgeBase::Load(dir, &shipped).ok()) return 1;
  AnswerMessages messages;
  if (!AnswerMessages::Load(dir + "/messages.json", &messages).ok()) return 1;
  Lexicon lexicon;
  if (!Lexicon::Load(dir + "/lexicon", &lexicon).ok()) return 1;

  for (double bq : {0.5, 0.75, 0.9}) {
    for (double k1 : {1.2, 2.0}) {
      RetrieverOptions ro;
      ro.b_questions = bq;
      ro.k1 = k1;
      auto kb = KnowledgeBase::Build(shipped->entries(), shipped->topics(), lexicon, ro);
      for (double min_cov : {0.5, 0.55, 0.6}) {
        for (double strong : {4.0, 6.0}) {
          for (double partial : {0.25, 0.35}) {
            AnswerOptions ao;
            ao.min_coverage = min_cov;
            ao.choice_min_coverage = min_cov - 0.05;
            ao.strong_score = strong;
            ao.partial_coverage = partial;
            Answerer answerer(kb, messages, ao);
            std::printf("bq=%.2f k1=%.1f mincov=%.2f strong=%.0f partial=%.2f", bq, k1, min_cov, strong, partial);
            for (int i = 1; i < argc; ++i) {
              EvalReport r;
              if (!EvaluateFile(answerer, argv[i], &r).ok()) return 1;
              std::printf("  | in %5.1f%% direct %5.1f%% out %5.1f%%", 100.0 * r.in_scope_correct / r.in_scope,
                          100.0 * r.in_scope_direct / r.in_scope,
                          r.out_of_scope ? 100.0 * r.out_of_scope_declined / r.out_of_scope : 100.0);
            }
            std::printf("\n");
          }
        }
      }
    }
  }
  return 0;
}
