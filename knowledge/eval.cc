#include "knowledge/eval.h"

#include <cstdio>
#include <fstream>

namespace netra {

namespace {

std::vector<std::string> SplitTabs(const std::string& line) {
  std::vector<std::string> out;
  size_t start = 0;
  for (size_t tab; (tab = line.find('\t', start)) != std::string::npos; start = tab + 1) {
    out.push_back(line.substr(start, tab - start));
  }
  out.push_back(line.substr(start));
  return out;
}

void Count(const EvalCase& c, bool direct, EvalTally* t) {
  if (c.expected.empty()) {
    t->out_of_scope++;
    t->out_of_scope_declined += c.correct ? 1 : 0;
  } else {
    t->in_scope++;
    t->in_scope_correct += c.correct ? 1 : 0;
    t->in_scope_direct += c.correct && direct ? 1 : 0;
  }
  t->wrong_verdicts += c.wrong_verdict ? 1 : 0;
}

}  // namespace

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
    std::vector<std::string> cols = SplitTabs(line);
    if (cols.size() < 2 || cols.size() > 3) {
      return Status::InvalidArgument(path + ":" + std::to_string(no) + ": expected question<TAB>topic[<TAB>style]");
    }
    if (no == 1 && cols[1] == "topic") continue;  // header
    EvalCase c;
    c.question = cols[0];
    c.expected = cols[1] == "-" || cols[1] == "none" ? "" : cols[1];
    if (cols.size() == 3) c.style = cols[2];
    Answer a = answerer.Ask(c.question);
    bool offered = a.decision == Decision::kAnswer || a.decision == Decision::kChoices;
    bool direct = a.decision == Decision::kAnswer;
    c.got = offered ? a.entry->topic : "";
    c.decision = DecisionName(a.decision);
    c.score = a.confidence;
    c.correct = c.got == c.expected;
    if (direct) {
      const Entry* right = c.expected.empty() ? nullptr : answerer.kb().FindEntry(c.expected);
      std::string want = right ? right->verdict : c.expected.empty() ? "info" : a.entry->verdict;
      c.wrong_verdict = c.expected.empty() ? a.entry->verdict != "info" : a.entry->verdict != want;
    }
    Count(c, direct, &r);
    if (!c.style.empty()) Count(c, direct, &r.by_style[c.style]);
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
  for (const auto& [style, t] : r.by_style) {
    if (t.in_scope > 0) {
      std::snprintf(buf, sizeof buf, "style %-10s in-scope %d/%d = %.1f%%, wrong verdicts %d\n", style.c_str(),
                    t.in_scope_correct, t.in_scope, pct(t.in_scope_correct, t.in_scope), t.wrong_verdicts);
    } else {
      std::snprintf(buf, sizeof buf, "style %-10s declined %d/%d = %.1f%%, wrong verdicts %d\n", style.c_str(),
                    t.out_of_scope_declined, t.out_of_scope, pct(t.out_of_scope_declined, t.out_of_scope),
                    t.wrong_verdicts);
    }
    out += buf;
  }
  std::snprintf(buf, sizeof buf, "in-scope top-1 accuracy: %d/%d = %.1f%% (answered directly: %d)\n",
                r.in_scope_correct, r.in_scope, pct(r.in_scope_correct, r.in_scope), r.in_scope_direct);
  out += buf;
  std::snprintf(buf, sizeof buf, "out-of-scope declined:   %d/%d = %.1f%%\n", r.out_of_scope_declined,
                r.out_of_scope, pct(r.out_of_scope_declined, r.out_of_scope));
  out += buf;
  int direct = 0;
  for (const auto& c : r.cases) direct += c.decision == "answer" ? 1 : 0;
  std::snprintf(buf, sizeof buf, "wrong verdicts:          %d of %d direct answers\n", r.wrong_verdicts, direct);
  out += buf;
  return out;
}

}  // namespace netra
