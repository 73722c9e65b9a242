#include "knowledge/law_library.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "base/text.h"
#include "knowledge/json_folder.h"

namespace netra {
namespace {

// Reads an optional string field; throws nlohmann::json::type_error when present but not a string.
std::string OptionalString(const nlohmann::json& j, const char* key) {
  if (!j.contains(key) || j.at(key).is_null()) return "";
  return j.at(key).get<std::string>();
}

Status ParseRegulation(const std::string& path, const nlohmann::json& doc, LawRegulation* reg) {
  if (!doc.is_object()) return Status::InvalidArgument(path + ": expected a JSON object");
  try {
    reg->regulation = OptionalString(doc, "regulation");
    reg->source = OptionalString(doc, "source");
    if (doc.contains("articles")) {
      for (const auto& a : doc.at("articles")) {
        if (!a.is_object()) return Status::InvalidArgument(path + ": an article record is not an object");
        reg->articles.push_back({OptionalString(a, "article"), OptionalString(a, "text"), OptionalString(a, "note")});
      }
    }
    if (doc.contains("unquoted")) {
      for (const auto& u : doc.at("unquoted")) {
        if (!u.is_object()) return Status::InvalidArgument(path + ": an unquoted record is not an object");
        reg->unquoted.push_back({OptionalString(u, "article"), OptionalString(u, "reason")});
      }
    }
  } catch (const nlohmann::json::exception& e) {
    return Status::InvalidArgument(path + ": " + e.what());
  }
  return Status::Ok();
}

bool Blank(const std::string& s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; }

}  // namespace

Status LawLibrary::Load(const std::string& dir, LawLibrary* library) {
  namespace fs = std::filesystem;
  LawLibrary lib;
  std::error_code ec;
  if (!fs::exists(dir, ec)) {
    *library = std::move(lib);
    return Status::Ok();
  }
  std::vector<JsonFile> files;
  Status read = ReadJsonFolder(dir, &files);
  if (!read.ok()) return read;
  for (const auto& [path, doc] : files) {
    LawRegulation reg;
    reg.file = fs::path(path).filename().string();
    Status s = ParseRegulation(path, doc, &reg);
    if (!s.ok()) return s;
    lib.regulations_.push_back(std::move(reg));
  }
  lib.Index();
  *library = std::move(lib);
  return Status::Ok();
}

LawLibrary LawLibrary::FromRegulations(std::vector<LawRegulation> regulations) {
  LawLibrary lib;
  lib.regulations_ = std::move(regulations);
  lib.Index();
  return lib;
}

void LawLibrary::Index() {
  by_name_.clear();
  for (size_t i = 0; i < regulations_.size(); ++i) by_name_.emplace(regulations_[i].regulation, i);
}

CitationResolution LawLibrary::Resolve(const std::string& regulation, const std::string& article) const {
  CitationResolution r;
  auto it = by_name_.find(regulation);
  if (regulation.empty() || it == by_name_.end()) return r;
  r.regulation = &regulations_[it->second];
  for (const auto& a : r.regulation->articles) {
    if (a.article == article && !Blank(a.text)) {
      r.state = CitationState::kQuoted;
      r.article = &a;
      return r;
    }
  }
  for (const auto& u : r.regulation->unquoted) {
    if (u.article == article && !Blank(u.reason)) {
      r.state = CitationState::kUnquoted;
      r.reason = u.reason;
      return r;
    }
  }
  r.state = article.empty() ? CitationState::kWhole : CitationState::kUnknownArticle;
  return r;
}

std::vector<std::string> LawLibrary::Problems() const {
  std::vector<std::string> problems;
  std::set<std::string> names;
  for (const auto& reg : regulations_) {
    std::string where = "law " + reg.file + ": ";
    if (Blank(reg.regulation)) problems.push_back(where + "has no regulation");
    if (Blank(reg.source)) problems.push_back(where + "has no source");
    if (!Blank(reg.regulation) && !names.insert(reg.regulation).second) {
      problems.push_back(where + "regulation '" + reg.regulation + "' is also in another file");
    }
    std::set<std::string> seen;
    for (const auto& a : reg.articles) {
      if (Blank(a.article)) problems.push_back(where + "an article record has no article");
      if (Blank(a.text)) problems.push_back(where + "'" + a.article + "' has empty text");
      if (!seen.insert(a.article).second) problems.push_back(where + "'" + a.article + "' is listed twice");
    }
    for (const auto& u : reg.unquoted) {
      if (Blank(u.article)) problems.push_back(where + "an unquoted record has no article");
      if (Blank(u.reason)) problems.push_back(where + "unquoted '" + u.article + "' has no reason");
      if (!seen.insert(u.article).second) problems.push_back(where + "'" + u.article + "' is listed twice");
    }
  }
  return problems;
}

size_t LawLibrary::quoted_count() const {
  size_t n = 0;
  for (const auto& r : regulations_) n += r.articles.size();
  return n;
}

size_t LawLibrary::unquoted_count() const {
  size_t n = 0;
  for (const auto& r : regulations_) n += r.unquoted.size();
  return n;
}

namespace {

// The largest cut in text[begin, limit] at a preferred boundary; 0 when none.
size_t BestCut(const std::string& text, size_t begin, size_t limit) {
  std::string_view window(text.data() + begin, limit - begin);
  // Paragraph break.
  size_t p = window.rfind('\n');
  if (p != std::string_view::npos && p > 0) return begin + p;
  // Sentence end: ". ", "; ", ": " followed by more text.
  for (size_t i = window.size(); i-- > 1;) {
    char c = window[i - 1];
    if (window[i] == ' ' && (c == '.' || c == ';' || c == ':' || c == '?' || c == '!')) return begin + i;
  }
  p = window.rfind(' ');
  if (p != std::string_view::npos && p > 0) return begin + p;
  return 0;
}

}  // namespace

std::vector<std::string> SplitQuotedText(const std::string& text, size_t max_units) {
  std::vector<std::string> pieces;
  if (max_units == 0) return pieces;
  size_t begin = 0;
  auto skip_space = [&](size_t i) {
    while (i < text.size() && (text[i] == ' ' || text[i] == '\n' || text[i] == '\r' || text[i] == '\t')) ++i;
    return i;
  };
  begin = skip_space(begin);
  while (begin < text.size()) {
    // The furthest end that fits, on a UTF-8 boundary.
    size_t end = begin, units = 0;
    while (end < text.size()) {
      size_t len = Utf8SequenceLength(static_cast<unsigned char>(text[end]));
      size_t add = len == 4 ? 2 : 1;
      if (units + add > max_units) break;
      units += add;
      end = std::min(text.size(), end + len);
    }
    if (end >= text.size()) {
      pieces.push_back(text.substr(begin));
      break;
    }
    size_t cut = BestCut(text, begin, end);
    if (cut <= begin) cut = end;  // one unbroken run: cut at the character boundary
    std::string piece = text.substr(begin, cut - begin);
    while (!piece.empty() && (piece.back() == ' ' || piece.back() == '\n' || piece.back() == '\r')) piece.pop_back();
    if (!piece.empty()) pieces.push_back(std::move(piece));
    begin = skip_space(cut);
  }
  return pieces;
}

}  // namespace netra
