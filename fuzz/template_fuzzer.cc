// Fuzzes FillTemplate. Input: the template, then NUL-separated "name=value" entries (a value may
// itself hold placeholders, as user text can). Checks the promises of dialogs/template.h:
//  - the template is scanned once: every name looked up is a piece of the template itself, at
//    increasing positions, and there is at most one lookup per '{' (so the time is linear);
//  - values are inserted verbatim and never scanned again: the output is exactly the template
//    with each found "{name}" replaced by its value;
//  - the table overload gives the same result as the lookup overload.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/template.h"

namespace {

void Fail(const char* what) {
  std::fprintf(stderr, "template_fuzzer: %s\n", what);
  std::abort();
}

bool IsNameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  size_t nul = input.find('\0');
  std::string tmpl(input.substr(0, nul));
  std::map<std::string, std::string> values;
  while (nul != std::string_view::npos) {
    size_t start = nul + 1;
    nul = input.find('\0', start);
    std::string_view entry = input.substr(start, nul == std::string_view::npos ? std::string_view::npos : nul - start);
    size_t eq = entry.find('=');
    values[std::string(entry.substr(0, eq))] = eq == std::string_view::npos ? "" : std::string(entry.substr(eq + 1));
  }

  struct Hit {
    size_t offset;  // of the name in the template
    size_t length;
    const std::string* value;
  };
  std::vector<Hit> hits;
  size_t lookups = 0;
  const char* last = nullptr;
  std::string out = netra::FillTemplate(tmpl, [&](std::string_view name) -> std::optional<std::string> {
    ++lookups;
    // The name is a view of the template: never of an inserted value, never behind the last one.
    if (name.empty() || name.data() < tmpl.data() || name.data() + name.size() > tmpl.data() + tmpl.size()) {
      Fail("looked-up name is not a piece of the template");
    }
    if (last != nullptr && name.data() <= last) Fail("template scanned backwards or twice");
    last = name.data();
    for (char c : name) {
      if (!IsNameChar(c)) Fail("looked-up name has a character outside [A-Za-z0-9_]");
    }
    size_t offset = static_cast<size_t>(name.data() - tmpl.data());
    if (offset == 0 || tmpl[offset - 1] != '{' || offset + name.size() >= tmpl.size() ||
        tmpl[offset + name.size()] != '}') {
      Fail("looked-up name is not written as {name}");
    }
    auto it = values.find(std::string(name));
    if (it == values.end()) return std::nullopt;
    hits.push_back({offset, name.size(), &it->second});
    return it->second;
  });

  size_t braces = 0;
  for (char c : tmpl) braces += c == '{';
  if (lookups > braces) Fail("more lookups than '{' in the template");

  std::string expected;
  size_t at = 0;
  for (const Hit& h : hits) {
    if (h.offset - 1 < at) Fail("replaced placeholders overlap");
    expected.append(tmpl, at, h.offset - 1 - at);
    expected += *h.value;
    at = h.offset + h.length + 1;
  }
  expected.append(tmpl, at, std::string::npos);
  if (out != expected) Fail("output is not the template with each found {name} replaced by its value");

  if (netra::FillTemplate(tmpl, values) != out) Fail("table overload differs from lookup overload");
  return 0;
}
