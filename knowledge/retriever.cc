#include "knowledge/retriever.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <unordered_set>

namespace netra {

namespace {

constexpr uint32_t kBreak = UINT32_MAX;  // between two texts of a field: no bigram across it

uint64_t BigramKey(uint32_t first, uint32_t second) { return (uint64_t{first} + 1) << 32 | second; }

// Term counts of one field of one entry, by key (words, then bigrams within each text).
struct FieldCounts {
  std::unordered_map<uint64_t, double> tf;
  double length = 0;
};

FieldCounts Count(const std::vector<uint32_t>& ids) {
  FieldCounts f;
  for (size_t i = 0; i < ids.size(); ++i) {
    if (ids[i] == kBreak) continue;
    f.length += 1;
    f.tf[ids[i]] += 1;
    if (i + 1 < ids.size() && ids[i + 1] != kBreak && ids[i] != ids[i + 1]) f.tf[BigramKey(ids[i], ids[i + 1])] += 1;
  }
  return f;
}

}  // namespace

Retriever::Retriever(const std::vector<Entry>& entries, const Normalizer& normalizer, RetrieverOptions options)
    : options_(options), entry_count_(entries.size()) {
  // Pass 1: every field as word ids, and every entry's distinct keys, to size the index.
  std::vector<std::array<std::vector<uint32_t>, 3>> fields(entries.size());
  auto add_text = [&](std::vector<uint32_t>& ids, const std::string& text) {
    for (const auto& t : normalizer.Terms(text)) {
      ids.push_back(words_.emplace(t, static_cast<uint32_t>(words_.size())).first->second);
    }
    ids.push_back(kBreak);
  };
  double avg[3] = {0, 0, 0};
  for (size_t i = 0; i < entries.size(); ++i) {
    const Entry& e = entries[i];
    auto& f = fields[i];
    add_text(f[0], e.question);
    for (const auto& p : e.paraphrases) add_text(f[0], p);
    for (const auto& k : e.keywords) add_text(f[1], k);
    std::string topic_words = e.topic;
    std::replace(topic_words.begin(), topic_words.end(), '-', ' ');
    add_text(f[1], topic_words);
    add_text(f[2], e.short_answer);
    add_text(f[2], e.explanation);
    for (auto& ids : f) ids.shrink_to_fit();
  }
  // The distinct keys of one entry, in all fields.
  auto distinct_keys = [&](size_t i) {
    std::unordered_set<TermKey> distinct;
    for (int field = 0; field < 3; ++field) {
      for (const auto& [key, n] : Count(fields[i][field]).tf) distinct.insert(key);
    }
    return distinct;
  };
  // Document frequencies: words counted by id, bigrams listed (sized exactly: at 10,000 entries
  // this list is the largest allocation of the build) and sorted.
  std::vector<uint32_t> word_df(words_.size(), 0);
  size_t bigram_postings = 0;
  for (size_t i = 0; i < entries.size(); ++i) {
    for (TermKey key : distinct_keys(i)) {
      if (key < word_df.size()) {
        ++word_df[key];
      } else {
        ++bigram_postings;
      }
    }
    for (int field = 0; field < 3; ++field) {
      avg[field] += static_cast<double>(std::count_if(fields[i][field].begin(), fields[i][field].end(),
                                                      [](uint32_t id) { return id != kBreak; }));
    }
  }
  for (double& a : avg) a = entries.empty() || a == 0 ? 1 : a / static_cast<double>(entries.size());
  std::vector<TermKey> bigrams;
  bigrams.reserve(bigram_postings);
  for (size_t i = 0; i < entries.size(); ++i) {
    for (TermKey key : distinct_keys(i)) {
      if (key >= word_df.size()) bigrams.push_back(key);
    }
  }
  std::sort(bigrams.begin(), bigrams.end());
  size_t unique = word_df.size();
  for (size_t i = 0; i < bigrams.size(); ++i) unique += i == 0 || bigrams[i] != bigrams[i - 1];
  // Words first (by id), then bigrams (keys above every word id): keys_ stays sorted.
  keys_.reserve(unique);
  offsets_.reserve(unique + 1);
  uint32_t at = 0;
  for (uint32_t id = 0; id < word_df.size(); ++id) {
    keys_.push_back(id);
    offsets_.push_back(at);
    at += word_df[id];
  }
  for (size_t i = 0; i < bigrams.size(); ++i) {
    if (i == 0 || bigrams[i] != bigrams[i - 1]) {
      keys_.push_back(bigrams[i]);
      offsets_.push_back(at);
    }
    ++at;
  }
  offsets_.push_back(at);
  std::vector<TermKey>().swap(bigrams);
  postings_.resize(at);

  // Pass 2: each entry's weight per term, now that document frequencies are known.
  std::vector<uint32_t> filled(keys_.size(), 0);
  const double weights[3] = {options_.weight_questions, options_.weight_keywords, options_.weight_body};
  const double bs[3] = {options_.b_questions, options_.b_keywords, options_.b_body};
  for (size_t i = 0; i < entries.size(); ++i) {
    std::unordered_map<TermKey, std::pair<double, uint8_t>> weighted;
    for (int field = 0; field < 3; ++field) {
      FieldCounts counts = Count(fields[i][field]);
      std::vector<uint32_t>().swap(fields[i][field]);
      double norm = 1 - bs[field] + bs[field] * counts.length / avg[field];
      for (const auto& [key, n] : counts.tf) {
        auto& w = weighted[key];
        w.first += weights[field] * n / norm;
        w.second |= static_cast<uint8_t>(1 << field);
      }
    }
    for (const auto& [key, w] : weighted) {
      size_t k = Find(key);
      double contribution = Idf(offsets_[k + 1] - offsets_[k]) * w.first / (options_.k1 + w.first);
      postings_[offsets_[k] + filled[k]++] = {static_cast<uint32_t>(i) << 3 | w.second,
                                              static_cast<float>(contribution)};
    }
  }
}

size_t Retriever::Find(TermKey key) const {
  auto it = std::lower_bound(keys_.begin(), keys_.end(), key);
  return it != keys_.end() && *it == key ? static_cast<size_t>(it - keys_.begin()) : keys_.size();
}

double Retriever::Idf(size_t document_frequency) const {
  double n = static_cast<double>(entry_count_), df = static_cast<double>(document_frequency);
  return std::log(1 + (n - df + 0.5) / (df + 0.5));
}

std::vector<Retriever::QueryTerm> Retriever::QueryTerms(const std::vector<std::string>& terms) const {
  std::vector<QueryTerm> out;
  std::vector<uint32_t> ids;
  std::unordered_set<TermKey> seen;
  std::unordered_set<std::string> unknown;
  for (const auto& t : terms) {
    auto word = words_.find(t);
    ids.push_back(word == words_.end() ? kBreak : word->second);
    if (word == words_.end()) {
      // A word the knowledge base never uses weighs fully in what the question asks.
      if (unknown.insert(t).second) out.push_back({0, false, Idf(0) * options_.unknown_word_weight, false});
      continue;
    }
    size_t k = Find(word->second);
    if (k == keys_.size() || !seen.insert(word->second).second) continue;
    out.push_back({word->second, true, Idf(offsets_[k + 1] - offsets_[k]), false});
  }
  for (size_t i = 0; i + 1 < ids.size(); ++i) {
    // An unknown bigram says nothing new beyond its words.
    if (ids[i] == kBreak || ids[i + 1] == kBreak || ids[i] == ids[i + 1]) continue;
    TermKey key = BigramKey(ids[i], ids[i + 1]);
    size_t k = Find(key);
    if (k == keys_.size() || !seen.insert(key).second) continue;
    out.push_back({key, true, Idf(offsets_[k + 1] - offsets_[k]) * options_.bigram_weight, true});
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
    if (!q.known) continue;
    size_t k = Find(q.key);
    double scale = q.bigram ? options_.bigram_weight : 1.0;
    for (uint32_t at = offsets_[k]; at < offsets_[k + 1]; ++at) {
      const Posting& p = postings_[at];
      auto& a = acc[p.entry_fields >> 3];
      a.first += scale * p.contribution;
      // Coverage counts words only: a bigram is extra evidence, not a further part of the question.
      if (q.bigram) continue;
      bool in_question = (p.entry_fields & (kQuestions | kKeywords)) != 0;
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
