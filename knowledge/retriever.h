// Retriever: BM25F ranking of knowledge entries over three weighted fields (questions and
// paraphrases, keywords, answer text), with word bigrams as extra terms.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "knowledge/entry.h"
#include "knowledge/normalizer.h"

namespace netra {

struct RetrieverOptions {
  double k1 = 2.0;
  double weight_questions = 1.0;
  double weight_keywords = 1.0;
  double weight_body = 0.2;
  double b_questions = 0.9;  // many long paraphrases must not make an entry win everything
  double b_keywords = 0.3;
  double b_body = 0.75;
  double bigram_weight = 0.3;  // bigram terms count this much of a word term in query weight
  double body_coverage = 0.4;  // a term found only in the answer text covers this much
  // A word the knowledge base never uses weighs this share of the highest idf in coverage: it
  // may be an incidental detail ("ayah", "lapangan") as often as a sign of another subject.
  double unknown_word_weight = 0.5;
};

struct Hit {
  size_t entry = 0;       // index into the entries the index was built from
  double score = 0;       // BM25F
  double coverage = 0;    // share of the question's weight (idf) that this entry matches, 0..1
};

class Retriever {
 public:
  // Indexes `entries`; `normalizer` must already know the entries' vocabulary.
  Retriever(const std::vector<Entry>& entries, const Normalizer& normalizer, RetrieverOptions options = {});

  // The best `k` entries for the retrieval terms of a question, best first; empty when nothing
  // matches.
  std::vector<Hit> Search(const std::vector<std::string>& terms, size_t k) const;

  // Distinct indexed terms (words and bigrams).
  size_t vocabulary_size() const { return keys_.size(); }
  // Entries listed under all terms together.
  size_t postings_size() const { return postings_.size(); }

 private:
  enum Field : uint8_t { kQuestions = 1, kKeywords = 2, kBody = 4 };
  // A word is its id; a bigram is (first id + 1) << 32 | second id.
  using TermKey = uint64_t;
  struct Posting {
    uint32_t entry_fields;  // entry << 3 | the Field bits where the term occurs
    float contribution;     // idf * tf~ / (k1 + tf~)
  };
  struct QueryTerm {
    TermKey key;
    bool known;  // false: a word the knowledge base never uses
    double weight;  // idf, scaled for bigrams
    bool bigram;
  };
  std::vector<QueryTerm> QueryTerms(const std::vector<std::string>& terms) const;
  // How much weight the words (not the bigrams) carry: the denominator of coverage.
  static double WordWeight(const std::vector<QueryTerm>& query);
  // Index of `key` in keys_, or keys_.size() when it is not indexed.
  size_t Find(TermKey key) const;
  double Idf(size_t document_frequency) const;

  RetrieverOptions options_;
  size_t entry_count_ = 0;
  std::unordered_map<std::string, uint32_t> words_;  // word -> id
  // The index in three flat arrays (compact for large bases): the postings of keys_[i] are
  // postings_[offsets_[i], offsets_[i + 1]), by entry.
  std::vector<TermKey> keys_;  // sorted
  std::vector<uint32_t> offsets_;
  std::vector<Posting> postings_;
};

}  // namespace netra
