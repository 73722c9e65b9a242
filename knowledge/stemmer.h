// IndonesianStemmer: Snowball's Indonesian stemmer (libstemmer) with the initial consonant that the
// meN-/peN- prefixes drop restored from a list of known roots (memakai -> paka, like pakai).
// Thread-safe.
#pragma once

#include <mutex>
#include <string>
#include <unordered_map>
#include <unordered_set>

struct sb_stemmer;

namespace netra {

class IndonesianStemmer {
 public:
  IndonesianStemmer();
  ~IndonesianStemmer();
  IndonesianStemmer(const IndonesianStemmer&) = delete;
  IndonesianStemmer& operator=(const IndonesianStemmer&) = delete;

  // Teaches the stemmer a word seen without a meN-/peN- prefix, so its stem counts as a root.
  void AddRootSource(const std::string& word);

  // The stem of a lowercase word.
  std::string Stem(const std::string& word);

 private:
  std::string SnowballStem(const std::string& word);  // requires mu_
  std::mutex mu_;
  sb_stemmer* stemmer_;
  std::unordered_set<std::string> roots_;
  std::unordered_map<std::string, std::string> cache_;
};

}  // namespace netra
