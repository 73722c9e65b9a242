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
  double strong_score = 6.0;       // a BM25F score this high answers with partial coverage …
  double partial_coverage = 0.25;  // … of at least this much (long, chatty questions)
  double noscope_min_coverage = 0.9;  // a question with no scope word must match this fully
  double choice_ratio = 0.85;      // a runner-up scoring this share of the best one is "close"
  double choice_min_coverage = 0.5;
  double suggest_min_coverage = 0.3;
  size_t max_choices = 3;
  // Verdict safety: a rival with a stricter verdict than the best entry's is "close" already at
  // this share of the best score, and a "tidak boleh" rival of a "boleh" answer at the lower
  // share; then the user chooses instead of reading a lenient verdict line.
  double verdict_rival_ratio = 0.7;
  double forbidden_rival_ratio = 0.55;
  // An entry with a particular subject (Entry::focus) scores this share when the question names
  // none of its words.
  double focus_penalty = 0.5;
};

enum class Decision { kAnswer, kChoices, kDecline, kSmallTalk };

struct Answer {
  Decision decision = Decision::kDecline;
  const Entry* entry = nullptr;          // the answer, or the best candidate
  std::vector<const Entry*> candidates;  // choices (kChoices) or suggestions (kDecline)
  double confidence = 0;                 // 0..1
  std::string smalltalk;                 // kind, for kSmallTalk
  std::string text;                      // what the user reads (choices numbered, for text-only use)
  // For channels with buttons: the text without the numbered choices, which become buttons.
  std::string prompt;
};

const char* DecisionName(Decision d);

// The user-facing texts of the answerer, from knowledge/messages.json.
struct AnswerMessages {
  std::string decline;           // in scope, but no entry answers it yet
  std::string decline_offtopic;  // not about ASN neutrality: where to go instead
  std::string suggestions;
  std::string choices;
  std::map<std::string, std::string> smalltalk;  // kind -> reply
  // For QuotedArticles: the entry cites nothing; an article whose wording is not held; a citation
  // of a whole instrument; the label put before an article's note.
  std::string law_none;
  std::string law_unquoted;
  std::string law_whole;
  std::string law_note;
  // How an answer is laid out: the verdict labels by verdict ("tidak_boleh" -> "⛔ Tidak boleh",
  // "info" for any other), the legal-basis title, and the sanction, doubt and under-review notes
  // ({sanction}, {doubt}).
  std::map<std::string, std::string> verdict_labels;
  std::string legal_basis;
  std::string sanction;
  std::string doubt;
  std::string under_review;

  // Returns OK on success; IoError or InvalidArgument naming the file otherwise.
  static Status Load(const std::string& path, AnswerMessages* messages);
};

// The full answer a user reads: verdict, short answer, explanation, legal basis, sanction.
std::string RenderAnswer(const Entry& e, const AnswerMessages& messages);

class Answerer {
 public:
  Answerer(std::shared_ptr<const KnowledgeBase> kb, AnswerMessages messages, AnswerOptions options = {});

  Answer Ask(const std::string& question) const;

  // The texts answers are written with (messages.json).
  const AnswerMessages& messages() const { return messages_; }

  // Asks `question` as a possible follow-up of `previous`, the entry the same person was answered
  // with a few minutes ago ("kalau di luar jam kerja gmn?" after a question about party T-shirts).
  // A short question that opens with a follow-up word, or that alone would be declined, is asked
  // again together with the previous question; that reading wins when it gives an answer.
  Answer AskFollowUp(const std::string& question, const Entry& previous) const;

  // How a question was understood, for curators: its terms and the best entries with their
  // scores and coverage.
  nlohmann::json Explain(const std::string& question) const;

  const KnowledgeBase& kb() const { return *kb_; }

  // The "📜 Bunyi pasal" view of an entry: one chat message per citation, in the entry's order,
  // each opening with "📜 <regulation>, <article>" and followed by the article's exact wording
  // (and its note, e.g. an amendment or a secondary-source label) from knowledge/law/. A citation
  // whose wording is not held says so in plain Bahasa Indonesia. A message longer than
  // kMaxQuotedMessage UTF-16 units is split at paragraph or sentence boundaries (never inside a
  // UTF-8 sequence) into several messages. Never empty: an entry without citations gets one
  // message saying so.
  static constexpr size_t kMaxQuotedMessage = 3500;
  std::vector<std::string> QuotedArticles(const Entry& entry) const;

 private:
  // Scales down hits on entries whose focus the question does not name, best first again.
  void ApplyFocus(const std::vector<std::string>& terms, std::vector<Hit>* hits) const;

  std::shared_ptr<const KnowledgeBase> kb_;
  std::vector<std::vector<std::string>> focus_terms_;  // per entry: each focus word's terms, joined
  AnswerMessages messages_;
  AnswerOptions options_;
};

// The object `netra ask --json` prints: topic, verdict, score, entry, answer, decision, choices,
// and legal_basis (the answered entry's citations as {regulation, article, text}, text being the
// quoted wording from `law`, or null when not held or `law` is null; empty unless the decision
// offers an entry).
nlohmann::json AnswerToJson(const Answer& a, const LawLibrary* law = nullptr);

}  // namespace netra
