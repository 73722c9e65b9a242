#include "knowledge/eval.h"

#include <cstdio>
#include <fstream>

namespace netra {

Status EvaluateFile(const Answerer& answerer, const std::string& path, EvalReport* report) {
  std::ifstream in(path);
  if (!in) return Status::IoError("cannot read " + path);
  EvalReport r;
  std::string line;
  int no = 0;
  while (std::getline(in, line)) {
    ++no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    size_t tab = line.rfind('\t');
    if (tab == std::string::npos) return Status::InvalidArgument(path + ":" + std::to_string(no) + ": expected question<TAB>topic");
    EvalCase c;
    c.question = line.substr(0, tab);
    c.expected = line.substr(tab + 1);
    if (no == 1 && c.expected == "topic") continue;  // header
    if (c.expected == "-") c.expected.clear();
    Answer a = answerer.Ask(c.question);
    bool offered = a.decision == Decision::kAnswer || a.decision == Decision::kChoices;
    c.got = offered ? a.entry->topic : "";
    c.decision = DecisionName(a.decision);
    c.score = a.confidence;
    c.correct = c.got == c.expected;
    if (c.expected.empty()) {
      r.out_of_scope++;
      r.out_of_scope_declined += c.correct ? 1 : 0;
    } else {
      r.in_scope++;
      r.in_scope_correct += c.correct ? 1 : 0;
      r.in_scope_direct += c.correct && a.decision == Decision::kAnswer ? 1 : 0;
    }
    r.cases.push_back(std::move(c));
  }
  *report = std::move(r);
  return Status::Ok();
}

std::string FormatEvalReport(const EvalReport& r, bool with_misses) {
  auto pct = [](int a, int b) { return b == 0 ? 100.0 : 100.0 * a / b; };
  std::string out;
  char buf[256];
  if (with_misses) {
    for (const auto& c : r.cases) {
      if (c.correct) continue;
      std::snprintf(buf, sizeof buf, "MISS  expected=%s got=%s decision=%s score=%.2f  ",
                    c.expected.empty() ? "-" : c.expected.c_str(), c.got.empty() ? "-" : c.got.c_str(),
                    c.decision.c_str(), c.score);
      out += buf + c.question + "\n";
    }
  }
  std::snprintf(buf, sizeof buf, "in-scope top-1 accuracy: %d/%d = %.1f%% (answered directly: %d)\n",
                r.in_scope_correct, r.in_scope, pct(r.in_scope_correct, r.in_scope), r.in_scope_direct);
  out += buf;
  std::snprintf(buf, sizeof buf, "out-of-scope declined:   %d/%d = %.1f%%\n", r.out_of_scope_declined,
                r.out_of_scope, pct(r.out_of_scope_declined, r.out_of_scope));
  out += buf;
  return out;
}

}  // namespace netra
