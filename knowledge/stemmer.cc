#include "knowledge/stemmer.h"

#include <libstemmer.h>

#include <cstdlib>

namespace netra {
namespace {

// meN-/peN- prefixes after which Indonesian drops an initial k, p, t or s.
bool HasNasalPrefix(const std::string& w) {
  for (const char* p : {"meng", "meny", "mem", "men", "peng", "peny", "pem", "pen"}) {
    if (w.rfind(p, 0) == 0 && w.size() > std::char_traits<char>::length(p) + 2) return true;
  }
  return false;
}

}  // namespace

IndonesianStemmer::IndonesianStemmer() : stemmer_(sb_stemmer_new("indonesian", "UTF_8")) {
  if (stemmer_ == nullptr) std::abort();  // libstemmer always ships Indonesian; absent means a broken install
}

IndonesianStemmer::~IndonesianStemmer() { sb_stemmer_delete(stemmer_); }

std::string IndonesianStemmer::SnowballStem(const std::string& word) {
  const sb_symbol* out = sb_stemmer_stem(stemmer_, reinterpret_cast<const sb_symbol*>(word.data()),
                                         static_cast<int>(word.size()));
  if (out == nullptr) return word;
  return std::string(reinterpret_cast<const char*>(out), static_cast<size_t>(sb_stemmer_length(stemmer_)));
}

void IndonesianStemmer::AddRootSource(const std::string& word) {
  std::lock_guard<std::mutex> lock(mu_);
  if (HasNasalPrefix(word)) return;
  roots_.insert(SnowballStem(word));
  cache_.clear();
}

std::string IndonesianStemmer::Stem(const std::string& word) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = cache_.find(word);
  if (it != cache_.end()) return it->second;
  std::string stem = SnowballStem(word);
  if (HasNasalPrefix(word) && !roots_.count(stem)) {
    for (char c : {'k', 'p', 't', 's'}) {
      std::string candidate = std::string(1, c) + stem;
      if (roots_.count(candidate)) {
        stem = candidate;
        break;
      }
    }
  }
  if (cache_.size() < 200000) cache_[word] = stem;
  return stem;
}

}  // namespace netra
