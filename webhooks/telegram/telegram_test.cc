#include "webhooks/telegram/telegram.h"

#include <gtest/gtest.h>

namespace netra {
namespace {

TEST(RenderTelegramTest, ButtonsMarkedSameRowShareTheRow) {
  Reply r{"Apakah jawaban ini membantu?",
          {{"fb:up:x", "👍 Membantu"}, {"fb:down:x", "👎 Kurang membantu", true}, {"menu", "📋 Menu"}},
          {},
          ""};
  std::vector<nlohmann::json> bodies = RenderTelegram(r, "42");
  ASSERT_EQ(bodies.size(), 1u);
  const auto& rows = bodies[0]["reply_markup"]["inline_keyboard"];
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].size(), 2u);
  EXPECT_EQ(rows[0][1]["callback_data"], "fb:down:x");
  EXPECT_EQ(rows[1][0]["callback_data"], "menu");
}

}  // namespace
}  // namespace netra
