// Lexicon: the language data of the normaliser (slang, synonyms, stopwords, small talk), loaded
// from knowledge/lexicon/. See knowledge/README.md for the file formats.
#pragma once

#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "base/status.h"

namespace netra {

inline constexpr const char* kDictionaryPath = "/usr/share/hunspell/id_ID.dic";

struct Lexicon {
  // One informal token -> zero or more standard words.
  std::unordered_map<std::string, std::vector<std::string>> slang;
  // A variant phrase of 1-3 words (space-joined) -> the canonical words.
  std::unordered_map<std::string, std::vector<std::string>> synonyms;
  std::unordered_set<std::string> stopwords;
  // A whole normalised message -> its kind (greeting, thanks, bye, help).
  std::unordered_map<std::string, std::string> smalltalk;
  // Words that mark a question as within Netra's scope (elections, politics, neutrality,
  // reporting, Netra itself). A question without any of them is declined.
  std::vector<std::string> scope;
  // Surface words that open a follow-up question ("kalau", "klo", "terus"): "kalau PPPK?" asked
  // right after an answer is read together with that answer's question.
  std::unordered_set<std::string> followup;
  // Roots of a general Indonesian dictionary (hunspell-id): a word that is, or stems to, one of
  // them is a real word and never "repaired" as a typo. Empty when the dictionary is absent.
  std::unordered_set<std::string> dictionary;

  // Reads slang.tsv, regional.tsv, synonyms.tsv, stopwords.txt, smalltalk.tsv, scope.txt and
  // followup.txt from `dir` (regional.tsv and followup.txt may be absent), and
  // the dictionary from kDictionaryPath when it is installed.
  // Returns OK on success; IoError when a file is missing; InvalidArgument naming the file and
  // line when a line is malformed or a key repeats.
  static Status Load(const std::string& dir, Lexicon* lexicon);
};

// Splits on whitespace.
std::vector<std::string> SplitWords(const std::string& text);

}  // namespace netra
