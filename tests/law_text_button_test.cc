// "📜 Bunyi pasal": an answer offers the quoted wording of the articles it cites, and pressing the
// button sends that wording, one chat message per citation within the chat's limit.
#include "base/text.h"
#include "tests/dialog_harness.h"

namespace netra {
namespace {

using testing::DialogHarness;

TEST(LawTextButtonTest, AnswerOffersTheButtonAndItQuotesTheLaw) {
  DialogHarness h;
  auto answer = h.Press("entry:atribut");
  ASSERT_FALSE(answer.empty());
  bool offered = false;
  for (const auto& b : answer.back().buttons) offered |= b.id == "law:atribut" && b.label == "📜 Bunyi pasal";
  EXPECT_TRUE(offered) << DialogHarness::AllText(answer);

  auto quoted = h.Press("law:atribut");
  ASSERT_GE(quoted.size(), 3u);
  std::string all = DialogHarness::AllText(quoted);
  EXPECT_NE(all.find("Pasal 13 huruf g"), std::string::npos) << all;
  EXPECT_NE(all.find("dengan cara menjadi peserta kampanye dengan menggunakan atribut partai atau atribut PNS"),
            std::string::npos)
      << all;
  for (const auto& r : quoted) {
    EXPECT_LE(Utf16Units(r.text), 3500u);
    EXPECT_TRUE(IsValidUtf8(r.text));
  }
  EXPECT_EQ(quoted.back().buttons.size(), 1u);
  EXPECT_EQ(h.State(), "ask.after");  // the conversation goes on
}

TEST(LawTextButtonTest, UnknownEntryIsTreatedAsAQuestion) {
  DialogHarness h;
  auto r = h.Press("law:no-such-entry");
  EXPECT_FALSE(r.empty());
}

}  // namespace
}  // namespace netra
