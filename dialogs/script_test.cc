// LintScript's command rules: a script command may not shadow a desk-only command.
#include "dialogs/script.h"

#include <gtest/gtest.h>

#include "dialogs/desk.h"
#include "dialogs/engine.h"
#include "tests/test_util.h"

namespace netra {
namespace {

bool Mentions(const std::vector<std::string>& problems, const std::string& command) {
  for (const auto& p : problems) {
    if (p.find("command " + command + ":") == 0 && p.find("shadows") != std::string::npos) return true;
  }
  return false;
}

TEST(ScriptLintTest, ScriptCommandsMayNotShadowDeskOnlyCommands) {
  Script shipped;
  ASSERT_TRUE(Script::Load(testing::SourceDir() + "/dialogs", &shipped).ok());
  const struct {
    const char* command;
    bool shadows;
  } cases[] = {
      {"/antrian", true},   {"/ambil", true},  {"/lihat", true},    {"/catat", true},   {"/teruskan", true},
      {"/cari", true},      {"/statistik", true}, {"/reviewer", true},
      {"/tanya", false},    // shared: reviewers get the desk's, everyone else the script's
      {"/status", false},   {"/bantuan", false}, {"/lapor", false}, {"/laporan", false},
  };
  for (const auto& c : cases) {
    Script script = shipped;
    script.commands[c.command] = "menu";
    auto problems = DialogEngine::Lint(script);
    EXPECT_EQ(Mentions(problems, c.command), c.shadows) << c.command;
    if (!c.shadows) {
      EXPECT_TRUE(problems.empty()) << c.command << ": " << (problems.empty() ? "" : problems.front());
    }
  }
  EXPECT_TRUE(DialogEngine::Lint(shipped).empty());
}

TEST(ScriptLintTest, ActionNamesComeFromTheActionTable) {
  for (const char* name : {"answer_question", "discard_draft", "save_tip", "lookup_status", "answer_reviewer"}) {
    EXPECT_TRUE(DialogEngine::ActionNames().count(name)) << name;
  }
  EXPECT_EQ(DialogEngine::ActionNames().size(), 5u);
}

}  // namespace
}  // namespace netra
