#include "knowledge/lexicon.h"
#include "base/text.h"

#include <fstream>
#include <sstream>

namespace netra {
namespace {

// Calls fn(line_no, fields) for every non-comment, non-blank line split on tabs.
template <typename Fn>
Status ForEachLine(const std::string& path, Fn fn) {
  std::ifstream in(path);
  if (!in) return Status::IoError("cannot read " + path);
  std::string line;
  int no = 0;
  while (std::getline(in, line)) {
    ++no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (Trim(line).empty() || Trim(line)[0] == '#') continue;
    std::vector<std::string> fields;
    std::stringstream ss(line);
    std::string f;
    while (std::getline(ss, f, '\t')) fields.push_back(Trim(f));
    if (line.back() == '\t') fields.push_back("");
    Status s = fn(no, fields);
    if (!s.ok()) return Status::InvalidArgument(path + ":" + std::to_string(no) + ": " + s.message());
  }
  return Status::Ok();
}

}  // namespace

std::vector<std::string> SplitWords(const std::string& text) {
  std::vector<std::string> out;
  std::stringstream ss(text);
  std::string w;
  while (ss >> w) out.push_back(w);
  return out;
}

Status Lexicon::Load(const std::string& dir, Lexicon* lexicon) {
  Lexicon lx;
  // Chat spellings, and regional words (Javanese, Sundanese, Minang, Betawi, Banjar, Medan) with
  // their Indonesian meaning: both rewrite one token into standard words.
  auto token_map = [&](int, const std::vector<std::string>& f) {
    if (f.size() != 2 || f[0].empty()) return Status::InvalidArgument("expected from<TAB>to");
    std::string key = Lower(f[0]);
    if (lx.slang.count(key)) return Status::InvalidArgument("'" + key + "' repeats");
    lx.slang[key] = SplitWords(Lower(f[1]));
    return Status::Ok();
  };
  Status s = ForEachLine(dir + "/slang.tsv", token_map);
  if (!s.ok()) return s;
  if (std::ifstream(dir + "/regional.tsv")) {
    s = ForEachLine(dir + "/regional.tsv", token_map);
    if (!s.ok()) return s;
  }
  s = ForEachLine(dir + "/synonyms.tsv", [&](int, const std::vector<std::string>& f) {
    if (f.size() != 2 || f[0].empty()) return Status::InvalidArgument("expected canonical<TAB>variants");
    std::vector<std::string> canonical = SplitWords(Lower(f[0]));
    std::stringstream ss(f[1]);
    std::string variant;
    while (std::getline(ss, variant, ',')) {
      std::vector<std::string> words = SplitWords(Lower(variant));
      if (words.empty()) continue;
      if (words.size() > 3) return Status::InvalidArgument("variant '" + variant + "' has more than three words");
      std::string key;
      for (const auto& w : words) key += (key.empty() ? "" : " ") + w;
      if (lx.synonyms.count(key)) return Status::InvalidArgument("variant '" + key + "' repeats");
      lx.synonyms[key] = canonical;
    }
    return Status::Ok();
  });
  if (!s.ok()) return s;
  s = ForEachLine(dir + "/stopwords.txt", [&](int, const std::vector<std::string>& f) {
    for (const auto& w : SplitWords(Lower(f[0]))) lx.stopwords.insert(w);
    return Status::Ok();
  });
  if (!s.ok()) return s;
  s = ForEachLine(dir + "/scope.txt", [&](int, const std::vector<std::string>& f) {
    lx.scope.push_back(Lower(f[0]));
    return Status::Ok();
  });
  if (!s.ok()) return s;
  if (std::ifstream(dir + "/followup.txt")) {
    s = ForEachLine(dir + "/followup.txt", [&](int, const std::vector<std::string>& f) {
      lx.followup.insert(Lower(f[0]));
      return Status::Ok();
    });
    if (!s.ok()) return s;
  }
  s = ForEachLine(dir + "/smalltalk.tsv", [&](int, const std::vector<std::string>& f) {
    if (f.size() != 2 || f[1].empty()) return Status::InvalidArgument("expected kind<TAB>phrase");
    lx.smalltalk[Lower(f[1])] = f[0];
    return Status::Ok();
  });
  if (!s.ok()) return s;
  std::ifstream dic(kDictionaryPath);
  std::string line;
  while (std::getline(dic, line)) {
    std::string root = Lower(line.substr(0, line.find('/')));
    if (!root.empty() && !std::isdigit(static_cast<unsigned char>(root[0]))) lx.dictionary.insert(Trim(root));
  }
  *lexicon = std::move(lx);
  return Status::Ok();
}

}  // namespace netra
