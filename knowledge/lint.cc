#include "knowledge/lint.h"
#include "bot/text.h"

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

}  // namespace

std::vector<std::string> LintKnowledgeBase(const KnowledgeBase& kb) {
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
    if (!std::regex_match(e.checked, iso_date)) problems.push_back(where + "checked must be an ISO date");
    for (const auto& r : e.related) {
      if (!kb.FindEntry(r)) problems.push_back(where + "related entry '" + r + "' does not exist");
      if (r == e.id) problems.push_back(where + "is related to itself");
    }
    if (Utf16Units(RenderAnswer(e)) > kMaxMessage) problems.push_back(where + "answer exceeds one 4096-character message");
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
  for (const auto& t : kb.topics()) {
    if (!covered_topics.count(t.id)) problems.push_back("topic " + t.id + ": no entry answers it");
  }
  return problems;
}

}  // namespace netra
