// Answerer: decides what to say to a question — an entry, a short list of choices when two
// entries are close, small talk, or an honest decline with suggestions.
#pragma once

#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "knowledge/knowledge_base.h"

namespace netra {

struct AnswerOptions {
  double min_coverage = 0.55;      // below: decline, unless the match is strong (next two)
  double strong_score = 4.0;       // a BM25F score this high answers with partial coverage …
  double partial_coverage = 0.25;  // … of at least this much (long, chatty questions)
  double noscope_min_coverage = 0.9;  // a question with no scope word must match this fully
  double choice_ratio = 0.85;      // a runner-up scoring this share of the best one is "close"
  double choice_min_coverage = 0.5;
  double suggest_min_coverage = 0.3;
  size_t max_choices = 3;
};

enum class Decision { kAnswer, kChoices, kDecline, kSmallTalk };

struct Answer {
  Decision decision = Decision::kDecline;
  const Entry* entry = nullptr;          // the answer, or the best candidate
  std::vector<const Entry*> candidates;  // choices (kChoices) or suggestions (kDecline)
  double confidence = 0;                 // 0..1
  std::string smalltalk;                 // kind, for kSmallTalk
  std::string text;                      // what the user reads
};

const char* DecisionName(Decision d);

// The user-facing texts of the answerer, from knowledge/messages.json.
struct AnswerMessages {
  std::string decline;
  std::string suggestions;
  std::string choices;
  std::map<std::string, std::string> smalltalk;  // kind -> reply

  // Returns OK on success; IoError or InvalidArgument naming the file otherwise.
  static Status Load(const std::string& path, AnswerMessages* messages);
};

class Answerer {
 public:
  Answerer(std::shared_ptr<const KnowledgeBase> kb, AnswerMessages messages, AnswerOptions options = {});

  Answer Ask(const std::string& question) const;

  // How a question was understood, for curators: its terms and the best entries with their
  // scores and coverage.
  nlohmann::json Explain(const std::string& question) const;

  const KnowledgeBase& kb() const { return *kb_; }

 private:
  std::shared_ptr<const KnowledgeBase> kb_;
  AnswerMessages messages_;
  AnswerOptions options_;
};

// The object `netra ask --json` prints: topic, verdict, score, entry, answer, decision, choices.
nlohmann::json AnswerToJson(const Answer& a);

}  // namespace netra
