#include "webhooks/telegram/telegram_channel.h"

#include <gtest/gtest.h>

#include "webhooks/telegram/telegram.h"

namespace netra {
namespace {

using Kind = SendOutcome::Kind;

struct AnswerCase {
  const char* name;
  int status;
  std::string body;
  std::string retry_after_header;
  Kind kind;
  int64_t retry_after_seconds;
  const char* error_has;  // a part of the error text, "" for none
};

// Answers as the Bot API gives them (https://core.telegram.org/bots/api#making-requests).
TEST(TelegramClassifyTest, RealAnswersHaveTheirOutcome) {
  const std::vector<AnswerCase> cases = {
      {"sent", 200, R"({"ok":true,"result":{"message_id":7,"chat":{"id":42,"type":"private"},"text":"x"}})", "",
       Kind::kDelivered, 0, ""},
      {"flood wait", 429,
       R"({"ok":false,"error_code":429,"description":"Too Many Requests: retry after 3","parameters":{"retry_after":3}})",
       "", Kind::kRetry, 3, "rate_limited"},
      {"flood wait beyond the cap", 429,
       R"({"ok":false,"error_code":429,"description":"Too Many Requests: retry after 86400","parameters":{"retry_after":86400}})",
       "", Kind::kRetry, 3600, "rate_limited"},
      {"429 with only a header", 429, R"({"ok":false,"error_code":429,"description":"Too Many Requests"})", "7",
       Kind::kRetry, 7, "rate_limited"},
      {"bot blocked", 403, R"({"ok":false,"error_code":403,"description":"Forbidden: bot was blocked by the user"})", "",
       Kind::kFailed, 0, "blocked by the user"},
      {"user deactivated", 403, R"({"ok":false,"error_code":403,"description":"Forbidden: user is deactivated"})", "",
       Kind::kFailed, 0, "deactivated"},
      {"chat not found", 400, R"({"ok":false,"error_code":400,"description":"Bad Request: chat not found"})", "",
       Kind::kFailed, 0, "chat not found"},
      {"bad token", 401, R"({"ok":false,"error_code":401,"description":"Unauthorized"})", "", Kind::kFailed, 0,
       "Unauthorized"},
      {"gateway down", 502, "<html><body>502 Bad Gateway</body></html>", "", Kind::kRetry, 0, "http 502"},
      {"server error", 500, R"({"ok":false,"error_code":500,"description":"Internal Server Error"})", "", Kind::kRetry,
       0, "http 500"},
      {"no answer", 0, "", "", Kind::kRetry, 0, "network"},
      {"ok false with 200", 200, R"({"ok":false})", "", Kind::kRetry, 0, "unexpected"},
  };
  TelegramChannel channel({}, nullptr);
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    ProviderResponse r{c.status, c.body, c.retry_after_header, c.status == 0 ? "connection refused" : ""};
    SendOutcome o = channel.Classify(r, 3600);
    EXPECT_EQ(o.kind, c.kind);
    EXPECT_EQ(o.retry_after_seconds, c.retry_after_seconds);
    EXPECT_NE(o.error.find(c.error_has), std::string::npos) << o.error;
  }
}

TEST(TelegramChannelTest, RendersMessagesThenEvidenceWithoutTheDestination) {
  TelegramChannel channel({}, nullptr);
  Reply r{"Bukti laporan", {{"menu", "📋 Menu"}}, {{"photo", "/tmp/a.jpg", "image/jpeg", 3, "Bukti 1/2"}, {"document", "/tmp/b.pdf", "application/pdf", 5, "Bukti 2/2"}}, {}};
  std::vector<OutboundCall> calls = channel.Render(r);
  ASSERT_EQ(calls.size(), 3u);
  EXPECT_EQ(calls[0].method, "sendMessage");
  EXPECT_FALSE(calls[0].payload.contains("chat_id"));
  EXPECT_EQ(calls[0].payload["reply_markup"]["inline_keyboard"][0][0]["callback_data"], "menu");
  EXPECT_EQ(calls[1].method, "sendPhoto");
  EXPECT_EQ(calls[1].payload["file_path"], "/tmp/a.jpg");
  EXPECT_EQ(calls[1].payload["caption"], "Bukti 1/2");
  EXPECT_EQ(calls[2].method, "sendDocument");
  std::optional<OutboundCall> ack = channel.AcknowledgeButton("cb-1");
  ASSERT_TRUE(ack);
  EXPECT_EQ(ack->method, "answerCallbackQuery");
  EXPECT_FALSE(channel.IsChatMessage(ack->method));
  EXPECT_TRUE(channel.IsChatMessage("sendMessage"));
  EXPECT_FALSE(channel.AcknowledgeButton(""));
}

TEST(TelegramChannelTest, VerifiesTheSecretHeader) {
  TelegramOptions options;
  options.secret = "s3cret";
  TelegramChannel channel(options, nullptr);
  auto with = [](std::string value) {
    return WebhookRequest{[value](const std::string& name) {
                            return name == "X-Telegram-Bot-Api-Secret-Token" ? value : std::string();
                          },
                          [](const std::string&) { return std::string(); }, "{}"};
  };
  EXPECT_TRUE(channel.Verify(with("s3cret")));
  EXPECT_FALSE(channel.Verify(with("s3cre")));
  EXPECT_FALSE(channel.Verify(with("")));
  TelegramChannel no_secret({}, nullptr);
  EXPECT_FALSE(no_secret.Verify(with("")));  // an empty secret refuses everything
  std::string answer;
  EXPECT_FALSE(channel.VerifySubscription(with("s3cret"), &answer));
  EXPECT_FALSE(channel.route().subscription_get);
  EXPECT_EQ(channel.route().path, "/webhook/telegram");
}

TEST(RenderTelegramTest, LongTextIsSplitWithButtonsOnTheLastPart) {
  std::string text(3000, 'a');
  text += "\n\n" + std::string(3000, 'b');
  Reply r{text, {{"ya", "Ya"}, {std::string(65, 'x'), "terlalu panjang"}}, {}, {}};
  std::vector<nlohmann::json> bodies = RenderTelegram(r, "42");
  ASSERT_EQ(bodies.size(), 2u);
  EXPECT_EQ(bodies[0]["text"], std::string(3000, 'a'));
  EXPECT_FALSE(bodies[0].contains("reply_markup"));
  EXPECT_EQ(bodies[1]["text"], std::string(3000, 'b'));
  EXPECT_EQ(bodies[1]["chat_id"], "42");
  const auto& rows = bodies[1]["reply_markup"]["inline_keyboard"];
  ASSERT_EQ(rows.size(), 1u);  // callback data over 64 bytes cannot be sent: that button is left out
  EXPECT_EQ(rows[0][0]["callback_data"], "ya");
  EXPECT_EQ(RenderTelegram(Reply{"", {}, {}, {}}, "42")[0]["text"], " ");
}

}  // namespace
}  // namespace netra
