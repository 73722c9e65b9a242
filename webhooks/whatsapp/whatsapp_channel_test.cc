#include "webhooks/whatsapp/whatsapp_channel.h"

#include <gtest/gtest.h>

#include "base/text.h"
#include "privacy/crypto.h"
#include "webhooks/whatsapp/whatsapp.h"

namespace netra {
namespace {

using Kind = SendOutcome::Kind;

// A Graph API error body as the Cloud API sends it.
std::string GraphError(int code, const std::string& message, bool transient = false) {
  nlohmann::json error = {{"message", message}, {"type", "OAuthException"}, {"code", code},
                          {"fbtrace_id", "AbCdEfGhIjK"}};
  if (transient) error["is_transient"] = true;
  return nlohmann::json{{"error", error}}.dump();
}

struct AnswerCase {
  const char* name;
  int status;
  std::string body;
  std::string retry_after_header;
  Kind kind;
  int64_t retry_after_seconds;
  const char* error_has;
};

// Answers as the Cloud API gives them
// (https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes).
TEST(WhatsAppClassifyTest, RealAnswersHaveTheirOutcome) {
  const std::vector<AnswerCase> cases = {
      {"sent", 200,
       R"({"messaging_product":"whatsapp","contacts":[{"input":"6281234567001","wa_id":"6281234567001"}],"messages":[{"id":"wamid.HBgNNjI4MTIzNDU2NzAwMRUCABEYEjA="}]})",
       "", Kind::kDelivered, 0, ""},
      {"re-engagement (outside 24 h)", 400, GraphError(131047, "Re-engagement message"), "", Kind::kFailed, 0,
       "code 131047"},
      {"undeliverable", 400, GraphError(131026, "Message Undeliverable"), "", Kind::kFailed, 0, "code 131026"},
      {"bad token", 401, GraphError(190, "Invalid OAuth access token - Cannot parse access token"), "", Kind::kFailed, 0,
       "code 190"},
      {"bad parameter", 400, GraphError(100, "Invalid parameter"), "", Kind::kFailed, 0, "code 100"},
      {"throughput (130429)", 400, GraphError(130429, "Rate limit hit"), "", Kind::kRetry, 0, "rate_limited"},
      {"throughput with Retry-After", 400, GraphError(130429, "Rate limit hit"), "30", Kind::kRetry, 30,
       "rate_limited"},
      {"pair rate limit (131056)", 400, GraphError(131056, "(Business Account, Consumer Account) pair rate limit hit"),
       "", Kind::kRetry, 0, "rate_limited"},
      {"HTTP 429", 429, GraphError(80007, "Rate limit issues"), "5", Kind::kRetry, 5, "rate_limited"},
      {"transient 500", 500, GraphError(1, "An unknown error occurred", true), "", Kind::kRetry, 0, "http 500"},
      {"something went wrong (131000)", 400, GraphError(131000, "Something went wrong"), "", Kind::kRetry, 0,
       "code 131000"},
      {"service unavailable", 503, "Service Unavailable", "", Kind::kRetry, 0, "http 503"},
      {"error with a 200", 200, GraphError(100, "Invalid parameter"), "", Kind::kFailed, 0, "code 100"},
      {"no answer", 0, "", "", Kind::kRetry, 0, "network"},
      {"an empty object", 200, "{}", "", Kind::kRetry, 0, "unexpected"},
  };
  WhatsAppChannel channel({}, nullptr);
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    ProviderResponse r{c.status, c.body, c.retry_after_header, c.status == 0 ? "timeout" : ""};
    SendOutcome o = channel.Classify(r, 3600);
    EXPECT_EQ(o.kind, c.kind);
    EXPECT_EQ(o.retry_after_seconds, c.retry_after_seconds);
    EXPECT_NE(o.error.find(c.error_has), std::string::npos) << o.error;
  }
}

TEST(WhatsAppChannelTest, VerifiesSignatureAndSubscription) {
  WhatsAppOptions options;
  options.app_secret = "app-secret";
  options.verify_token = "verify";
  WhatsAppChannel channel(options, nullptr);
  auto request = [](std::string signature, std::string body, std::string mode = "", std::string token = "") {
    return WebhookRequest{
        [signature](const std::string& name) { return name == "X-Hub-Signature-256" ? signature : std::string(); },
        [mode, token](const std::string& name) {
          return name == "hub.mode" ? mode : name == "hub.verify_token" ? token : name == "hub.challenge" ? "1158201444" : "";
        },
        body};
  };
  std::string body = R"({"object":"whatsapp_business_account","entry":[]})";
  std::string hex = ToHex(HmacSha256("app-secret", body));
  EXPECT_TRUE(channel.Verify(request("sha256=" + hex, body)));
  EXPECT_TRUE(channel.Verify(request("sha256=" + Upper(hex), body)));  // hex digits in either case
  EXPECT_FALSE(channel.Verify(request("sha256=" + hex, body + " ")));
  EXPECT_FALSE(channel.Verify(request(hex, body)));
  EXPECT_FALSE(WhatsAppChannel({}, nullptr).Verify(request("sha256=" + ToHex(HmacSha256("", body)), body)));

  std::string answer;
  EXPECT_TRUE(channel.VerifySubscription(request("", "", "subscribe", "verify"), &answer));
  EXPECT_EQ(answer, "1158201444");
  EXPECT_FALSE(channel.VerifySubscription(request("", "", "subscribe", "wrong"), &answer));
  EXPECT_FALSE(channel.VerifySubscription(request("", "", "unsubscribe", "verify"), &answer));
  EXPECT_TRUE(channel.route().subscription_get);
}

TEST(WhatsAppChannelTest, RendersMessagesThenUploadsWithoutTheDestination) {
  WhatsAppChannel channel({}, nullptr);
  Reply r{"Bukti", {}, {{"photo", "/tmp/a.png", "image/png", 3, "Bukti 1/2"}, {"document", "/tmp/b.pdf", "application/pdf", 5, "Bukti 2/2"}}, {}};
  std::vector<OutboundCall> calls = channel.Render(r);
  ASSERT_EQ(calls.size(), 3u);
  EXPECT_EQ(calls[0].method, "messages");
  EXPECT_FALSE(calls[0].payload.contains("to"));
  EXPECT_EQ(calls[0].payload["text"]["body"], "Bukti");
  EXPECT_EQ(calls[1].method, "upload:image");
  EXPECT_EQ(calls[2].method, "upload:document");
  EXPECT_EQ(calls[2].payload["caption"], "Bukti 2/2");
  EXPECT_FALSE(channel.AcknowledgeButton("x"));
}

// Titles longer than WhatsApp accepts are cut to its limits in characters (not bytes), with an
// ellipsis; a list row keeps the whole label in its description.
TEST(RenderWhatsAppTest, ButtonAndRowTitlesAreCutToTheLimits) {
  const std::string long_label = "📋 Kembali ke menu utama sekarang juga";  // 38 characters, 41 bytes
  ASSERT_GT(CodePoints(long_label), 24u);
  Reply buttons{"Pilih:", {{"a", long_label}, {"b", "Batal"}}, {}, {}};
  nlohmann::json b = RenderWhatsApp(buttons, "6281")[0];
  ASSERT_EQ(b["interactive"]["type"], "button");
  std::string title = b["interactive"]["action"]["buttons"][0]["reply"]["title"];
  EXPECT_EQ(CodePoints(title), 20u);
  EXPECT_EQ(title, Utf8Prefix(long_label, 19) + "…");
  EXPECT_EQ(b["interactive"]["action"]["buttons"][1]["reply"]["title"], "Batal");

  Reply list{"Pilih:", {{"a", long_label}, {"b", "B"}, {"c", "C"}, {"d", "D"}}, {}, {}};
  nlohmann::json l = RenderWhatsApp(list, "6281")[0];
  ASSERT_EQ(l["interactive"]["type"], "list");
  const auto& row = l["interactive"]["action"]["sections"][0]["rows"][0];
  EXPECT_EQ(CodePoints(row["title"].get<std::string>()), 24u);
  EXPECT_EQ(row["description"], long_label);  // within 72
  EXPECT_FALSE(l["interactive"]["action"]["sections"][0]["rows"][1].contains("description"));
}

TEST(RenderWhatsAppTest, MoreThanTenChoicesAreNumberedText) {
  Reply r{"Pilih:", {}, {}, {}};
  for (int i = 1; i <= 11; ++i) r.buttons.push_back({"c" + std::to_string(i), "Pilihan " + std::to_string(i)});
  std::vector<nlohmann::json> bodies = RenderWhatsApp(r, "6281");
  ASSERT_EQ(bodies.size(), 1u);
  EXPECT_EQ(bodies[0]["type"], "text");
  std::string text = bodies[0]["text"]["body"];
  EXPECT_NE(text.find("\n11. Pilihan 11"), std::string::npos) << text;
}

TEST(RenderWhatsAppTest, InteractiveBodiesAreSplitAt1024) {
  Reply r{std::string(1500, 'x'), {{"ya", "Ya"}}, {}, {}};
  std::vector<nlohmann::json> bodies = RenderWhatsApp(r, "6281");
  ASSERT_EQ(bodies.size(), 2u);
  EXPECT_EQ(bodies[0]["type"], "text");
  EXPECT_EQ(bodies[0]["text"]["body"].get<std::string>().size(), 1024u);
  EXPECT_EQ(bodies[1]["type"], "interactive");
  EXPECT_EQ(bodies[1]["to"], "6281");
}

}  // namespace
}  // namespace netra
