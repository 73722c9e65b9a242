// Normalizer: turns Indonesian chat text into retrieval terms.
//
//   "Min, sy PNS boleh gakkk dtg kampanye paslon??"
//   surface:  min sy pns boleh gak dtg kampanye paslon     (case, punctuation, repeats, bagi2)
//   standard: saya asn boleh tidak datang kampanye calon   (slang, typos, synonyms)
//   terms:    asn datang kampanye calon                    (stopwords out, then stemmed)
#pragma once

#include <memory>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "knowledge/lexicon.h"
#include "knowledge/stemmer.h"

namespace netra {

struct NormalizerOptions {
  // Repair one-letter typos and vowel-dropped spellings against the known vocabulary. Off only
  // for the plain-BM25 baseline (bench/kb_baseline).
  bool repair_spelling = true;
};

class Normalizer {
 public:
  explicit Normalizer(Lexicon lexicon, NormalizerOptions options = {});

  // Lowercased ASCII words with punctuation removed, runs of 3+ equal letters collapsed and
  // reduplication ("bagi2", "bagi-bagi") reduced to one word.
  std::vector<std::string> Surface(const std::string& text) const;

  // Surface words with slang expanded, one-letter typos of known words repaired and synonyms
  // rewritten to their canonical form. Stopwords are still present.
  std::vector<std::string> Standard(const std::string& text) const;

  // The retrieval terms: Standard() without stopwords, stemmed.
  std::vector<std::string> Terms(const std::string& text) const;

  // The small-talk kind ("greeting", "thanks", "bye", "help") when the whole message is small
  // talk, else "".
  std::string SmallTalk(const std::string& text) const;

  // Registers words of the knowledge base: they become typo targets and stemmer roots.
  // Call for every document before the first Terms() used for ranking, then Freeze().
  void LearnVocabulary(const std::string& text);

  // Computes what depends on the whole vocabulary (the scope terms). Call once after learning.
  void Freeze();

  // True when any of the terms is a scope term (see Lexicon::scope); true when the lexicon
  // names no scope at all.
  bool InScope(const std::vector<std::string>& terms) const;

  const Lexicon& lexicon() const { return lexicon_; }

 private:
  std::string RepairTypo(const std::string& word) const;
  // The knowledge-base word a vowel-dropped spelling stands for ("kmpnye" -> "kampanye"), or "".
  std::string ExpandSkeleton(const std::string& word) const;
  bool Known(const std::string& word) const;

  Lexicon lexicon_;
  NormalizerOptions options_;
  std::unordered_map<std::string, std::string> smalltalk_;  // surface-normalised phrase -> kind
  std::unordered_set<std::string> vocabulary_;
  std::unordered_set<std::string> scope_terms_;
  std::unordered_map<std::string, std::vector<std::string>> deletions_;  // word minus one letter -> words
  std::unordered_map<std::string, std::vector<std::string>> skeletons_;  // consonant skeleton -> words
  std::unordered_map<std::string, int> word_count_;                       // occurrences in the base
  std::unique_ptr<IndonesianStemmer> stemmer_;
};

}  // namespace netra
