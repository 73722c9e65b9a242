#include "knowledge/entry.h"

#include "base/text.h"

namespace netra {

void from_json(const nlohmann::json& j, LegalBasis& b) {
  j.at("regulation").get_to(b.regulation);
  b.article = j.value("article", "");
}

void to_json(nlohmann::json& j, const LegalBasis& b) {
  j = {{"regulation", b.regulation}, {"article", b.article}};
}

void from_json(const nlohmann::json& j, Entry& e) {
  j.at("id").get_to(e.id);
  j.at("topic").get_to(e.topic);
  j.at("verdict").get_to(e.verdict);
  j.at("question").get_to(e.question);
  j.at("paraphrases").get_to(e.paraphrases);
  e.keywords = j.value("keywords", std::vector<std::string>{});
  j.at("short_answer").get_to(e.short_answer);
  j.at("explanation").get_to(e.explanation);
  j.at("legal_basis").get_to(e.legal_basis);
  e.sanction = j.value("sanction", "");
  e.related = j.value("related", std::vector<std::string>{});
  e.review = j.value("review", false);
  e.doubt = j.value("doubt", "");
  e.label = j.value("label", "");
  e.focus = j.value("focus", std::vector<std::string>{});
  j.at("checked").get_to(e.checked);
}

void to_json(nlohmann::json& j, const Entry& e) {
  j = {{"id", e.id},
       {"topic", e.topic},
       {"verdict", e.verdict},
       {"question", e.question},
       {"paraphrases", e.paraphrases},
       {"keywords", e.keywords},
       {"short_answer", e.short_answer},
       {"explanation", e.explanation},
       {"legal_basis", e.legal_basis},
       {"sanction", e.sanction},
       {"related", e.related},
       {"review", e.review},
       {"checked", e.checked}};
  if (!e.doubt.empty()) j["doubt"] = e.doubt;
  if (!e.label.empty()) j["label"] = e.label;
  if (!e.focus.empty()) j["focus"] = e.focus;
}

std::string ButtonLabel(const Entry& e) {
  constexpr size_t kMaxLabel = 30;
  return Utf8PrefixWithEllipsis(e.label.empty() ? e.question : e.label, kMaxLabel);
}

}  // namespace netra
