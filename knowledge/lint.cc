#include "knowledge/lint.h"
#include "base/text.h"

#include <cctype>
#include <map>
#include <regex>
#include <set>

namespace netra {
namespace {

constexpr size_t kMaxMessage = 4096;
constexpr size_t kMinParaphrases = 6;

bool IsSlug(const std::string& s) {
  static const std::regex slug("[a-z0-9]+(-[a-z0-9]+)*");
  return std::regex_match(s, slug);
}

// The verdict words a short_answer must not open with: the rendered answer already starts with
// the verdict label.
bool RepeatsVerdict(const std::string& short_answer) {
  static const char* const kOpeners[] = {"boleh dengan syarat", "tidak boleh", "boleh"};
  std::string head;
  for (char c : short_answer.substr(0, 32)) head += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const char* o : kOpeners) {
    std::string opener(o);
    if (head.compare(0, opener.size(), opener) != 0) continue;
    // A whole word: "Bolehkah" does not count.
    if (head.size() == opener.size() || !std::isalpha(static_cast<unsigned char>(head[opener.size()]))) return true;
  }
  return false;
}

void LintCitations(const KnowledgeBase& kb, const Entry& e, const std::string& where,
                   std::vector<std::string>* problems) {
  for (const auto& b : e.legal_basis) {
    if (b.regulation.empty()) continue;  // reported above
    CitationResolution r = kb.law().Resolve(b.regulation, b.article);
    if (r.state == CitationState::kUnknownRegulation) {
      problems->push_back(where + "cites '" + b.regulation + "', which knowledge/law does not hold");
    } else if (r.state == CitationState::kUnknownArticle) {
      problems->push_back(where + "cites '" + b.article + "' of '" + b.regulation + "', which knowledge/law/" +
                          r.regulation->file + " does not list");
    }
  }
}

}  // namespace

std::vector<std::string> LintKnowledgeBase(const KnowledgeBase& kb, const AnswerMessages& messages) {
  std::vector<std::string> problems;
  static const std::set<std::string> verdicts = {"boleh", "tidak_boleh", "bersyarat", "info"};
  std::set<std::string> ids;
  std::map<std::string, std::string> paraphrase_owner;  // normalised paraphrase -> entry id
  std::set<std::string> covered_topics;
  static const std::regex iso_date("\\d{4}-\\d{2}-\\d{2}");

  for (const auto& e : kb.entries()) {
    std::string where = "entry " + e.id + ": ";
    if (!IsSlug(e.id)) problems.push_back(where + "id must be lowercase a-z0-9 with dashes");
    if (!ids.insert(e.id).second) problems.push_back(where + "id repeats");
    if (!IsSlug(e.topic)) problems.push_back(where + "topic must be lowercase a-z0-9 with dashes");
    if (!verdicts.count(e.verdict)) problems.push_back(where + "unknown verdict '" + e.verdict + "'");
    if (const Topic* t = kb.FindTopic(e.topic)) {
      covered_topics.insert(e.topic);
      if (t->verdict != e.verdict) {
        problems.push_back(where + "verdict '" + e.verdict + "' differs from topic " + e.topic + " ('" + t->verdict + "')");
      }
    }
    if (e.question.empty()) problems.push_back(where + "question is empty");
    if (e.short_answer.empty()) problems.push_back(where + "short_answer is empty");
    if (e.explanation.empty()) problems.push_back(where + "explanation is empty");
    if (e.paraphrases.size() < kMinParaphrases) {
      problems.push_back(where + "has " + std::to_string(e.paraphrases.size()) + " paraphrases, needs at least " +
                         std::to_string(kMinParaphrases));
    }
    if (e.verdict != "info" && e.legal_basis.empty()) problems.push_back(where + "cites no regulation");
    for (const auto& b : e.legal_basis) {
      if (b.regulation.empty()) problems.push_back(where + "legal_basis has an empty regulation");
    }
    LintCitations(kb, e, where, &problems);
    if (e.review && e.doubt.empty()) problems.push_back(where + "is marked for review but has no doubt sentence");
    if (CodePoints(e.label) > 30) problems.push_back(where + "label is longer than 30 characters");
    if (RepeatsVerdict(e.short_answer)) {
      problems.push_back(where + "short_answer repeats the verdict; the answer already opens with its label");
    }
    if (!std::regex_match(e.checked, iso_date)) problems.push_back(where + "checked must be an ISO date");
    for (const auto& r : e.related) {
      if (!kb.FindEntry(r)) problems.push_back(where + "related entry '" + r + "' does not exist");
      if (r == e.id) problems.push_back(where + "is related to itself");
    }
    if (Utf16Units(RenderAnswer(e, messages)) > kMaxMessage) problems.push_back(where + "answer exceeds one 4096-character message");
    std::vector<std::string> texts = e.paraphrases;
    texts.push_back(e.question);
    std::set<std::string> own;
    for (const auto& p : texts) {
      std::string key;
      for (const auto& w : kb.normalizer().Surface(p)) key += w + " ";
      if (key.empty()) {
        problems.push_back(where + "has an empty paraphrase");
        continue;
      }
      if (!own.insert(key).second) {
        problems.push_back(where + "repeats paraphrase '" + p + "'");
        continue;
      }
      auto [it, inserted] = paraphrase_owner.emplace(key, e.id);
      if (!inserted) problems.push_back(where + "paraphrase '" + p + "' is also in entry " + it->second);
    }
  }
  for (const auto& p : kb.law().Problems()) problems.push_back(p);
  for (const auto& t : kb.topics()) {
    if (!covered_topics.count(t.id)) problems.push_back("topic " + t.id + ": no entry answers it");
  }
  return problems;
}

}  // namespace netra
