#include "base/template.h"

namespace netra {
namespace {

// Placeholder names are short identifiers: letters, digits and underscores.
bool IsNameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

constexpr size_t kMaxNameLength = 64;

}  // namespace

std::string FillTemplate(std::string_view tmpl, const TemplateLookup& lookup) {
  std::string out;
  out.reserve(tmpl.size());
  size_t i = 0;
  while (i < tmpl.size()) {
    size_t open = tmpl.find('{', i);
    if (open == std::string_view::npos) break;
    out.append(tmpl, i, open - i);
    size_t end = open + 1;
    while (end < tmpl.size() && end - open - 1 < kMaxNameLength && IsNameChar(tmpl[end])) ++end;
    if (end < tmpl.size() && tmpl[end] == '}' && end > open + 1) {
      std::optional<std::string> value = lookup(tmpl.substr(open + 1, end - open - 1));
      if (value) {
        out += *value;
        i = end + 1;
        continue;
      }
    }
    out.push_back('{');
    i = open + 1;
  }
  if (i < tmpl.size()) out.append(tmpl, i, std::string_view::npos);
  return out;
}

std::string FillTemplate(std::string_view tmpl, const std::map<std::string, std::string>& values) {
  return FillTemplate(tmpl, [&values](std::string_view name) -> std::optional<std::string> {
    auto it = values.find(std::string(name));
    if (it == values.end()) return std::nullopt;
    return it->second;
  });
}

}  // namespace netra
