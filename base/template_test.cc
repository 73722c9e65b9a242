#include "base/template.h"

#include <gtest/gtest.h>

namespace netra {
namespace {

struct FillCase {
  const char* tmpl;
  std::map<std::string, std::string> values;
  const char* want;
};

TEST(FillTemplateTest, FillsOncePerPlaceholder) {
  const FillCase cases[] = {
      {"Halo {who}", {{"who", "Pak Budi"}}, "Halo Pak Budi"},
      {"{a}{b}{a}", {{"a", "1"}, {"b", "2"}}, "121"},
      {"tanpa placeholder", {{"a", "1"}}, "tanpa placeholder"},
      {"{unknown} tetap", {}, "{unknown} tetap"},
      {"kurung { terbuka", {{"a", "1"}}, "kurung { terbuka"},
      {"{", {}, "{"},
      {"}{", {}, "}{"},
      {"{}", {{"", "x"}}, "{}"},
      {"{{a}}", {{"a", "1"}}, "{1}"},
      {"{a b}", {{"a b", "x"}}, "{a b}"},
      {"akhir {a", {{"a", "1"}}, "akhir {a"},
      {"UTF-8 {a} – ✓", {{"a", "é"}}, "UTF-8 é – ✓"},
  };
  for (const auto& c : cases) EXPECT_EQ(FillTemplate(c.tmpl, c.values), c.want) << c.tmpl;
}

// A value is never scanned again: user text that names a placeholder (its own or another's) comes
// back verbatim. This is the red team's C1: "Pak {who} dari dinas" used to loop forever.
TEST(FillTemplateTest, ValuesAreNeverReinterpreted) {
  const std::vector<std::string> names = {"who", "where", "when", "what", "summary", "message", "code",
                                          "count", "max", "min", "category", "reason", "status"};
  for (const auto& name : names) {
    std::map<std::string, std::string> values;
    for (const auto& other : names) values[other] = "Pak {" + name + "} dari dinas {" + other + "}";
    for (const auto& other : names) {
      std::string got = FillTemplate("[{" + other + "}]", values);
      EXPECT_EQ(got, "[" + values[other] + "]") << name << " in " << other;
    }
  }
}

TEST(FillTemplateTest, LinearInTheValues) {
  std::string big;
  for (int i = 0; i < 20000; ++i) big += "{x}";
  std::string got = FillTemplate("{x}{x}", {{"x", big}});
  EXPECT_EQ(got, big + big);
}

TEST(FillTemplateTest, LookupIsAskedOnlyForNamesInTheTemplate) {
  std::vector<std::string> asked;
  FillTemplate("a {one} b {two} {one}", [&](std::string_view n) -> std::optional<std::string> {
    asked.emplace_back(n);
    return "{one}";
  });
  EXPECT_EQ(asked, (std::vector<std::string>{"one", "two", "one"}));
}

}  // namespace
}  // namespace netra
