// LawLibrary: the wording of the articles the knowledge base cites, loaded from knowledge/law/*.json
// (one file per regulation; format in notes/law-format.md and knowledge/README.md). Immutable once
// loaded; it is reloaded together with the knowledge base.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "base/status.h"

namespace netra {

struct LawArticle {
  std::string article;  // "Pasal 5 huruf n angka 1", "Penjelasan Pasal 5 huruf n angka 3", "Lampiran"
  std::string text;     // the exact wording
  std::string note;     // optional: amendment, page, or "secondary source" label
};

struct LawUnquoted {
  std::string article;
  std::string reason;  // why no primary text is held
};

struct LawRegulation {
  std::string file;        // the JSON file it came from
  std::string regulation;  // canonical name, e.g. "PP 94/2021 tentang Disiplin Pegawai Negeri Sipil"
  std::string source;      // official publication and where the text was taken from
  std::vector<LawArticle> articles;
  std::vector<LawUnquoted> unquoted;
};

enum class CitationState {
  kQuoted,             // the article's wording is held
  kUnquoted,           // the article is listed as not quoted, with a reason
  kWhole,              // article "" (the instrument as a whole) and the regulation is held
  kUnknownArticle,     // the regulation is held but not this article
  kUnknownRegulation,  // no law file for this regulation
};

struct CitationResolution {
  CitationState state = CitationState::kUnknownRegulation;
  const LawRegulation* regulation = nullptr;  // set unless kUnknownRegulation
  const LawArticle* article = nullptr;        // set for kQuoted
  std::string reason;                         // set for kUnquoted
  bool resolved() const {
    return state == CitationState::kQuoted || state == CitationState::kUnquoted || state == CitationState::kWhole;
  }
};

class LawLibrary {
 public:
  // Loads every *.json file in `dir`. A missing folder gives an empty library. Returns OK on
  // success; IoError when a file cannot be read; InvalidArgument naming the file when it is not
  // a JSON object or a field has the wrong type. Missing or empty fields are not load errors:
  // Problems() lists them for `netra kb lint`.
  static Status Load(const std::string& dir, LawLibrary* library);

  // Builds from regulations already in memory (tests).
  static LawLibrary FromRegulations(std::vector<LawRegulation> regulations);

  // How a citation (regulation, article) of an entry resolves. Exact string match on both.
  CitationResolution Resolve(const std::string& regulation, const std::string& article) const;

  // Every defect of the law data, one line each: a file without regulation or source, an article
  // without text, an unquoted record without reason, a repeated article or regulation.
  std::vector<std::string> Problems() const;

  const std::vector<LawRegulation>& regulations() const { return regulations_; }
  size_t quoted_count() const;
  size_t unquoted_count() const;

 private:
  void Index();
  std::vector<LawRegulation> regulations_;
  std::map<std::string, size_t> by_name_;
};

// Splits `text` into pieces of at most `max_units` UTF-16 units (the unit chat limits count),
// preferring paragraph breaks, then sentence ends, then spaces; never inside a UTF-8 sequence.
// Pieces are trimmed of the breaking whitespace; empty input gives no piece.
std::vector<std::string> SplitQuotedText(const std::string& text, size_t max_units);

}  // namespace netra
