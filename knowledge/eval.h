// Eval: accuracy of the answerer on a question<TAB>topic[<TAB>style] file ("-" or "none" marks
// out of scope), overall and per style, and how often an answer carries the wrong verdict.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "knowledge/answerer.h"

namespace netra {

struct EvalCase {
  std::string question;
  std::string expected;  // topic id, or "" for out of scope
  std::string got;       // top candidate's topic, or "" when declined
  std::string style;     // from the optional third column, e.g. "slang"; "" when absent
  std::string decision;
  double score = 0;
  bool correct = false;
  // A direct answer whose verdict line differs from the expected topic's verdict (for an out-of-scope
  // question: any direct answer with a verdict other than "info").
  bool wrong_verdict = false;
};

struct EvalTally {
  int in_scope = 0, in_scope_correct = 0, in_scope_direct = 0;
  int out_of_scope = 0, out_of_scope_declined = 0;
  int wrong_verdicts = 0;
};

struct EvalReport : EvalTally {
  std::vector<EvalCase> cases;
  std::map<std::string, EvalTally> by_style;  // only when the file has a style column
};

// Reads the file and asks every question.
// Returns OK and fills *report on success; IoError or InvalidArgument naming the line otherwise.
Status EvaluateFile(const Answerer& answerer, const std::string& path, EvalReport* report);

// In-scope top-1 accuracy, out-of-scope decline rate and (when `with_misses`) each miss.
std::string FormatEvalReport(const EvalReport& report, bool with_misses);

}  // namespace netra
