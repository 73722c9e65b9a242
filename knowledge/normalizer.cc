#include "knowledge/normalizer.h"

#include <algorithm>

namespace netra {
namespace {

constexpr size_t kMinTypoLength = 5;

bool IsWordChar(unsigned char c) { return std::isalnum(c) != 0; }

bool AllDigits(const std::string& s) {
  return std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c); });
}

std::string CollapseRuns(const std::string& w, size_t min_run) {
  std::string out;
  for (size_t i = 0; i < w.size();) {
    size_t j = i;
    while (j < w.size() && w[j] == w[i]) ++j;
    size_t run = j - i;
    bool letter = std::isalpha(static_cast<unsigned char>(w[i])) != 0;
    out.append(letter && run >= min_run ? 1 : run, w[i]);
    i = j;
  }
  return out;
}

bool IsVowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

// The consonant skeleton of a word: its first letter, then its letters without vowels
// ("kampanye" -> "kmpny", "ikut" -> "ikt"). Vowel-dropped chat spellings ("kmpnye", "ikt", "lpr")
// share the skeleton of the word they stand for.
std::string Skeleton(const std::string& w) {
  std::string out;
  for (size_t i = 0; i < w.size(); ++i) {
    if (i == 0 || !IsVowel(w[i])) out.push_back(w[i]);
  }
  return out;
}

// True when `w` looks vowel-dropped: three to ten letters, at most one vowel after the first
// letter ("pke", "kmpnye", "lpr"). Real words are ruled out by the caller.
bool LooksVowelDropped(const std::string& w) {
  if (w.size() < 3 || w.size() > 10) return false;
  size_t vowels = 0;
  for (size_t i = 0; i < w.size(); ++i) {
    if (!std::isalpha(static_cast<unsigned char>(w[i]))) return false;
    if (i > 0 && IsVowel(w[i])) ++vowels;
  }
  return vowels <= 1 && w.size() - vowels >= 2;
}

// True when a and b differ by one insertion, deletion, substitution or adjacent swap.
bool WithinOneEdit(const std::string& a, const std::string& b) {
  if (a == b) return false;
  size_t la = a.size(), lb = b.size();
  if (la == lb) {
    size_t first = 0;
    while (a[first] == b[first]) ++first;
    if (a.compare(first + 1, std::string::npos, b, first + 1, std::string::npos) == 0) return true;  // substitution
    return first + 1 < la && a[first] == b[first + 1] && a[first + 1] == b[first] &&
           a.compare(first + 2, std::string::npos, b, first + 2, std::string::npos) == 0;  // swap
  }
  const std::string& longer = la > lb ? a : b;
  const std::string& shorter = la > lb ? b : a;
  if (longer.size() != shorter.size() + 1) return false;
  size_t i = 0;
  while (i < shorter.size() && longer[i] == shorter[i]) ++i;
  return longer.compare(i + 1, std::string::npos, shorter, i, std::string::npos) == 0;
}

std::string Join(const std::vector<std::string>& words, size_t from, size_t n) {
  std::string out;
  for (size_t i = from; i < from + n; ++i) out += (i > from ? " " : "") + words[i];
  return out;
}

}  // namespace

Normalizer::Normalizer(Lexicon lexicon, NormalizerOptions options)
    : lexicon_(std::move(lexicon)), options_(options), stemmer_(std::make_unique<IndonesianStemmer>()) {
  for (const auto& [phrase, kind] : lexicon_.smalltalk) {
    std::string key;
    for (const auto& w : Surface(phrase)) key += (key.empty() ? "" : " ") + w;
    smalltalk_[key] = kind;
  }
  // Lexicon words are known spellings too.
  for (const auto& [from, to] : lexicon_.slang) {
    for (const auto& w : to) LearnVocabulary(w);
  }
  for (const auto& [variant, canonical] : lexicon_.synonyms) {
    LearnVocabulary(variant);
    for (const auto& w : canonical) LearnVocabulary(w);
  }
}

std::vector<std::string> Normalizer::Surface(const std::string& text) const {
  std::vector<std::string> out;
  std::string cur;
  auto flush = [&] {
    if (cur.empty()) return;
    // Abbreviations the lexicon knows keep their letters ("pppk").
    bool listed = lexicon_.slang.count(cur) || lexicon_.synonyms.count(cur);
    std::string w = listed ? cur : CollapseRuns(cur, 3);
    cur.clear();
    // "bagi2" -> "bagi"; a lone "2" after a word repeats it ("bagi 2" is rarer, left alone).
    if (w.size() > 2 && w.back() == '2' && std::isalpha(static_cast<unsigned char>(w[w.size() - 2]))) {
      w.pop_back();
    }
    if (!out.empty() && out.back() == w && !AllDigits(w)) return;  // "bagi-bagi" -> "bagi"
    out.push_back(std::move(w));
  };
  for (unsigned char c : text) {
    if (c < 0x80 && IsWordChar(c)) {
      cur.push_back(static_cast<char>(std::tolower(c)));
    } else {
      flush();
    }
  }
  flush();
  return out;
}

bool Normalizer::Known(const std::string& word) const {
  return vocabulary_.count(word) || lexicon_.slang.count(word) || lexicon_.stopwords.count(word) ||
         lexicon_.synonyms.count(word);
}

std::string Normalizer::RepairTypo(const std::string& word) const {
  if (AllDigits(word) || Known(word)) return word;
  // Doubled letters typed by accident ("gakk", "bolleh").
  std::string single = CollapseRuns(word, 2);
  if (single != word && Known(single)) return single;
  // A real Indonesian word the knowledge base happens not to use is no typo ("pengajuan", "dibuka").
  bool real_word = lexicon_.dictionary.count(word) || lexicon_.dictionary.count(stemmer_->Stem(word));
  if (!real_word && LooksVowelDropped(word)) {
    std::string expanded = ExpandSkeleton(word);
    if (!expanded.empty()) return expanded;
  }
  if (word.size() < kMinTypoLength || real_word) return word;
  // Damerau-Levenshtein distance 1 through the deletion index; never towards a stopword.
  std::vector<std::string> candidates;
  auto add = [&](const std::string& key) {
    auto it = deletions_.find(key);
    if (it == deletions_.end()) return;
    for (const auto& c : it->second) {
      if (WithinOneEdit(word, c) && !lexicon_.stopwords.count(c)) candidates.push_back(c);
    }
  };
  add(word);  // the word lacks a letter
  for (size_t i = 0; i < word.size(); ++i) {
    std::string del = word.substr(0, i) + word.substr(i + 1);
    if (vocabulary_.count(del) && !lexicon_.stopwords.count(del)) candidates.push_back(del);  // an extra letter
    add(del);                                               // one letter substituted
  }
  for (size_t i = 0; i + 1 < word.size(); ++i) {
    std::string swapped = word;
    std::swap(swapped[i], swapped[i + 1]);
    if (vocabulary_.count(swapped) && !lexicon_.stopwords.count(swapped)) candidates.push_back(swapped);
  }
  if (candidates.empty()) return word;
  // Prefer the shortest repair, then alphabetical, so the choice is stable.
  std::sort(candidates.begin(), candidates.end(), [](const std::string& a, const std::string& b) {
    return a.size() != b.size() ? a.size() < b.size() : a < b;
  });
  return candidates.front();
}

std::string Normalizer::ExpandSkeleton(const std::string& word) const {
  auto it = skeletons_.find(Skeleton(word));
  if (it == skeletons_.end()) return "";
  // The knowledge base's most frequent word with this skeleton, longer than what was typed;
  // ties go to the shorter, then the alphabetically first word, so the choice is stable.
  const std::string* best = nullptr;
  int best_count = 0;
  for (const auto& candidate : it->second) {
    if (candidate.size() <= word.size()) continue;
    int count = word_count_.at(candidate);
    if (best == nullptr || count > best_count ||
        (count == best_count && (candidate.size() < best->size() ||
                                 (candidate.size() == best->size() && candidate < *best)))) {
      best = &candidate;
      best_count = count;
    }
  }
  return best == nullptr ? "" : *best;
}

void Normalizer::LearnVocabulary(const std::string& text) {
  for (const auto& w : Surface(text)) {
    if (AllDigits(w)) continue;
    ++word_count_[w];
    if (vocabulary_.insert(w).second) {
      if (std::all_of(w.begin(), w.end(), [](unsigned char c) { return std::isalpha(c); })) {
        skeletons_[Skeleton(w)].push_back(w);
      }
      stemmer_->AddRootSource(w);
      if (w.size() >= kMinTypoLength - 1) {
        for (size_t i = 0; i < w.size(); ++i) deletions_[w.substr(0, i) + w.substr(i + 1)].push_back(w);
      }
    }
  }
}

void Normalizer::Freeze() {
  scope_terms_.clear();
  for (const auto& phrase : lexicon_.scope) {
    // A phrase counts whole ("masa tenang"), never by its words ("masa" alone is no scope).
    std::vector<std::string> t = Terms(phrase);
    if (!t.empty()) scope_terms_.insert(Join(t, 0, t.size()));
  }
}

bool Normalizer::InScope(const std::vector<std::string>& terms) const {
  if (lexicon_.scope.empty()) return true;
  for (size_t i = 0; i < terms.size(); ++i) {
    for (size_t n = 1; n <= 3 && i + n <= terms.size(); ++n) {
      if (scope_terms_.count(Join(terms, i, n))) return true;
    }
  }
  return false;
}

std::vector<std::string> Normalizer::Standard(const std::string& text) const {
  std::vector<std::string> words;
  for (const auto& raw : Surface(text)) {
    std::string w = raw;
    if (options_.repair_spelling && !lexicon_.slang.count(w)) w = RepairTypo(w);
    auto slang = lexicon_.slang.find(w);
    if (slang != lexicon_.slang.end()) {
      words.insert(words.end(), slang->second.begin(), slang->second.end());
    } else {
      words.push_back(w);
    }
  }
  std::vector<std::string> out;
  for (size_t i = 0; i < words.size();) {
    size_t matched = 0;
    for (size_t n = std::min<size_t>(3, words.size() - i); n >= 1; --n) {
      auto it = lexicon_.synonyms.find(Join(words, i, n));
      if (it != lexicon_.synonyms.end()) {
        out.insert(out.end(), it->second.begin(), it->second.end());
        matched = n;
        break;
      }
    }
    if (matched == 0) {
      out.push_back(words[i]);
      matched = 1;
    }
    i += matched;
  }
  return out;
}

std::vector<std::string> Normalizer::Terms(const std::string& text) const {
  std::vector<std::string> out;
  for (const auto& w : Standard(text)) {
    if (lexicon_.stopwords.count(w)) continue;
    out.push_back(AllDigits(w) ? w : stemmer_->Stem(w));
  }
  return out;
}

std::string Normalizer::SmallTalk(const std::string& text) const {
  std::vector<std::string> words = Surface(text);
  if (words.empty() || words.size() > 6) return "";
  std::string key = Join(words, 0, words.size());
  auto it = smalltalk_.find(key);
  if (it != smalltalk_.end()) return it->second;
  // Drop fillers that slang maps to nothing ("makasih min", "halo kak").
  std::vector<std::string> kept;
  for (const auto& w : words) {
    auto s = lexicon_.slang.find(w);
    if (s == lexicon_.slang.end() || !s->second.empty()) kept.push_back(w);
  }
  if (kept.empty() || kept.size() == words.size()) return "";
  it = smalltalk_.find(Join(kept, 0, kept.size()));
  return it == smalltalk_.end() ? "" : it->second;
}

}  // namespace netra
