#include "knowledge/retriever.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <unordered_set>

namespace netra {

std::vector<std::string> WithBigrams(const std::vector<std::string>& terms) {
  std::vector<std::string> out = terms;
  for (size_t i = 0; i + 1 < terms.size(); ++i) {
    if (terms[i] != terms[i + 1]) out.push_back(terms[i] + " " + terms[i + 1]);
  }
  return out;
}

Retriever::Retriever(const std::vector<Entry>& entries, const Normalizer& normalizer, RetrieverOptions options)
    : options_(options), entry_count_(entries.size()) {
  struct FieldStats {
    std::unordered_map<std::string, double> tf;
    double length = 0;
  };
  // Term frequencies per entry and field; bigrams never cross a sentence of the field.
  std::vector<std::array<FieldStats, 3>> stats(entries.size());
  auto add_text = [&](FieldStats& f, const std::string& text) {
    std::vector<std::string> terms = normalizer.Terms(text);
    f.length += static_cast<double>(terms.size());
    for (const auto& t : WithBigrams(terms)) f.tf[t] += 1;
  };
  for (size_t i = 0; i < entries.size(); ++i) {
    const Entry& e = entries[i];
    add_text(stats[i][0], e.question);
    for (const auto& p : e.paraphrases) add_text(stats[i][0], p);
    for (const auto& k : e.keywords) add_text(stats[i][1], k);
    std::string topic_words = e.topic;
    std::replace(topic_words.begin(), topic_words.end(), '-', ' ');
    add_text(stats[i][1], topic_words);
    add_text(stats[i][2], e.short_answer);
    add_text(stats[i][2], e.explanation);
  }
  double avg[3] = {0, 0, 0};
  for (const auto& s : stats) {
    for (int f = 0; f < 3; ++f) avg[f] += s[f].length;
  }
  for (double& a : avg) a = entries.empty() || a == 0 ? 1 : a / static_cast<double>(entries.size());

  // Document frequencies first, so postings can carry their whole contribution.
  std::unordered_map<std::string, uint32_t> df;
  for (const auto& s : stats) {
    std::unordered_set<std::string> seen;
    for (const auto& f : s) {
      for (const auto& [t, n] : f.tf) seen.insert(t);
    }
    for (const auto& t : seen) df[t]++;
  }
  const double weights[3] = {options_.weight_questions, options_.weight_keywords, options_.weight_body};
  const double bs[3] = {options_.b_questions, options_.b_keywords, options_.b_body};
  for (size_t i = 0; i < stats.size(); ++i) {
    std::unordered_map<std::string, std::pair<double, uint8_t>> weighted;
    for (int f = 0; f < 3; ++f) {
      const FieldStats& fs = stats[i][f];
      double norm = 1 - bs[f] + bs[f] * fs.length / avg[f];
      for (const auto& [t, n] : fs.tf) {
        auto& w = weighted[t];
        w.first += weights[f] * n / norm;
        w.second |= static_cast<uint8_t>(1 << f);
      }
    }
    for (const auto& [t, w] : weighted) {
      double n = static_cast<double>(entry_count_);
      double idf = std::log(1 + (n - df[t] + 0.5) / (df[t] + 0.5));
      double contribution = idf * w.first / (options_.k1 + w.first);
      postings_[t].push_back({static_cast<uint32_t>(i), static_cast<float>(contribution), w.second});
    }
  }
}

double Retriever::Idf(const std::string& term) const {
  double n = static_cast<double>(entry_count_);
  auto it = postings_.find(term);
  double df = it == postings_.end() ? 0 : static_cast<double>(it->second.size());
  return std::log(1 + (n - df + 0.5) / (df + 0.5));
}

std::vector<Retriever::QueryTerm> Retriever::QueryTerms(const std::vector<std::string>& terms) const {
  std::vector<QueryTerm> out;
  std::unordered_set<std::string> seen;
  for (const auto& t : WithBigrams(terms)) {
    if (!seen.insert(t).second) continue;
    bool bigram = t.find(' ') != std::string::npos;
    // An unknown bigram says nothing new beyond its words; an unknown word weighs fully.
    if (bigram && !postings_.count(t)) continue;
    double weight = Idf(t) * (bigram ? options_.bigram_weight : 1.0);
    if (!bigram && !postings_.count(t)) weight *= options_.unknown_word_weight;
    out.push_back({t, weight, bigram});
  }
  return out;
}

double Retriever::WordWeight(const std::vector<QueryTerm>& query) {
  double total = 0;
  for (const auto& q : query) total += q.bigram ? 0 : q.weight;
  return total;
}

std::vector<Hit> Retriever::Search(const std::vector<std::string>& terms, size_t k) const {
  std::vector<QueryTerm> query = QueryTerms(terms);
  double total_weight = WordWeight(query);
  std::unordered_map<uint32_t, std::pair<double, double>> acc;  // entry -> (score, covered weight)
  for (const auto& q : query) {
    auto it = postings_.find(q.term);
    if (it == postings_.end()) continue;
    double scale = q.bigram ? options_.bigram_weight : 1.0;
    for (const Posting& p : it->second) {
      auto& a = acc[p.entry];
      a.first += scale * p.contribution;
      // Coverage counts words only: a bigram is extra evidence, not a further part of the question.
      if (q.bigram) continue;
      bool in_question = (p.fields & (kQuestions | kKeywords)) != 0;
      a.second += q.weight * (in_question ? 1.0 : options_.body_coverage);
    }
  }
  std::vector<Hit> hits;
  hits.reserve(acc.size());
  for (const auto& [entry, a] : acc) {
    hits.push_back({entry, a.first, total_weight > 0 ? std::min(1.0, a.second / total_weight) : 0});
  }
  size_t n = std::min(k, hits.size());
  std::partial_sort(hits.begin(), hits.begin() + static_cast<long>(n), hits.end(), [](const Hit& a, const Hit& b) {
    return a.score != b.score ? a.score > b.score : a.entry < b.entry;
  });
  hits.resize(n);
  return hits;
}

}  // namespace netra
