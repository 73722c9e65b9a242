// Eval: accuracy of the answerer on a question<TAB>topic file ("-" marks out of scope).
#pragma once

#include <string>
#include <vector>

#include "knowledge/answerer.h"

namespace netra {

struct EvalCase {
  std::string question;
  std::string expected;  // topic id, or "" for out of scope
  std::string got;       // top candidate's topic, or "" when declined
  std::string decision;
  double score = 0;
  bool correct = false;
};

struct EvalReport {
  std::vector<EvalCase> cases;
  int in_scope = 0, in_scope_correct = 0, in_scope_direct = 0;
  int out_of_scope = 0, out_of_scope_declined = 0;
};

// Reads the file and asks every question.
// Returns OK and fills *report on success; IoError or InvalidArgument naming the line otherwise.
Status EvaluateFile(const Answerer& answerer, const std::string& path, EvalReport* report);

// In-scope top-1 accuracy, out-of-scope decline rate and (when `with_misses`) each miss.
std::string FormatEvalReport(const EvalReport& report, bool with_misses);

}  // namespace netra
