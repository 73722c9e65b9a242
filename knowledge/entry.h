// Entry: one question-and-answer of the regulation FAQ, as stored in knowledge/entries/*.json.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace netra {

struct LegalBasis {
  std::string regulation;  // "PP 94/2021 tentang Disiplin Pegawai Negeri Sipil"
  std::string article;     // "Pasal 5 huruf n angka 1", or "" when not certain
};

struct Entry {
  std::string id;
  std::string topic;
  std::string verdict;  // boleh, tidak_boleh, bersyarat, info
  std::string question;
  std::string label;  // a button label of at most 30 characters ("Hadir di kampanye"); optional
  std::vector<std::string> paraphrases;
  std::vector<std::string> keywords;
  std::string short_answer;
  std::string explanation;
  std::vector<LegalBasis> legal_basis;
  std::string sanction;
  std::vector<std::string> related;
  // The entry's particular subject, a group of people ("pensiunan", "kepala desa") or a matter
  // ("pidana"): when a question names none of these words, the entry ranks lower, so "pns jadi
  // timses" is read neither as a question about retirees nor about criminal liability. Empty: none.
  std::vector<std::string> focus;
  bool review = false;
  std::string doubt;  // one sentence shown to the user when review is true: what is still uncertain
  std::string checked;
};

void from_json(const nlohmann::json& j, LegalBasis& b);
void to_json(nlohmann::json& j, const LegalBasis& b);
// Throws nlohmann::json::exception when a required field is missing or of the wrong type.
void from_json(const nlohmann::json& j, Entry& e);
void to_json(nlohmann::json& j, const Entry& e);


// The label of a button that opens the entry: its label, or its question cut to 30 characters.
std::string ButtonLabel(const Entry& e);


}  // namespace netra
