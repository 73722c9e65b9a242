#include "webhooks/telegram/telegram_channel.h"

#include "privacy/crypto.h"
#include "webhooks/channel/evidence_file.h"
#include "webhooks/channel/provider_answer.h"
#include "webhooks/telegram/telegram.h"

namespace netra {
namespace {

using json = nlohmann::json;

const char kAnswerCallback[] = "answerCallbackQuery";

SendOutcome ClassifyTelegram(const ProviderResponse& r, const json& body, int64_t max_seconds) {
  std::string description = CleanProviderText(JsonStringMember(body, "description"));
  std::string what = "telegram http " + std::to_string(r.status) + (description.empty() ? "" : ": " + description);
  if (Is2xx(r.status)) {
    const json* ok = JsonMember(body, "ok");
    if (ok != nullptr && ok->is_boolean() && ok->get<bool>()) return SendDelivered();
    return SendUnknown("unexpected reply: " + what);
  }
  if (r.status == 429) {
    const json* parameters = JsonMember(body, "parameters");
    return SendRateLimited(r, parameters != nullptr ? JsonMember(*parameters, "retry_after") : nullptr, max_seconds);
  }
  if (r.status >= 500 || r.status == 408) return SendRetry(what);
  if (r.status >= 400) return SendFailed(what);  // 400 bad request, 401/403 blocked or bad token, 404
  return SendUnknown("unexpected reply: " + what);
}

}  // namespace

TelegramChannel::TelegramChannel(TelegramOptions options, ProviderClient* client)
    : options_(std::move(options)), client_(client) {}

const std::string& TelegramChannel::name() const {
  static const std::string kName = "telegram";
  return kName;
}

bool TelegramChannel::Verify(const WebhookRequest& request) const {
  if (options_.secret.empty()) return false;
  return ConstantTimeEquals(request.header("X-Telegram-Bot-Api-Secret-Token"), options_.secret);
}

Status TelegramChannel::Parse(const json& body, std::vector<ChannelUpdate>* updates) const {
  ChannelUpdate u;
  Status s = ParseTelegramUpdate(body, &u);
  if (!s.ok()) return s;
  updates->assign(1, std::move(u));
  return Status::Ok();
}

std::vector<OutboundCall> TelegramChannel::Render(const Reply& reply) const {
  std::vector<OutboundCall> calls;
  for (auto& p : RenderTelegram(reply, "")) {
    p.erase("chat_id");  // the destination is sealed apart
    calls.push_back({"sendMessage", std::move(p)});
  }
  for (size_t i = 0; i < reply.media.size(); ++i) {
    calls.push_back({reply.media[i].kind == "photo" ? "sendPhoto" : "sendDocument", EvidenceFilePayload(reply, i)});
  }
  return calls;
}

std::optional<OutboundCall> TelegramChannel::AcknowledgeButton(const std::string& callback_id) const {
  if (callback_id.empty()) return std::nullopt;
  return OutboundCall{kAnswerCallback, {{"callback_query_id", callback_id}}};
}

bool TelegramChannel::IsChatMessage(const std::string& method) const { return method != kAnswerCallback; }

ChannelPacing TelegramChannel::pacing() const { return {options_.chat_interval_ms, options_.per_second}; }

std::string TelegramChannel::MethodPath(const std::string& method) const {
  return "/bot" + options_.token + "/" + method;
}

SendOutcome TelegramChannel::Send(const OutboundCall& call, const std::string& destination,
                                  const SendOptions& options) {
  if (client_ == nullptr || !call.payload.is_object()) return SendFailed("unreadable payload");
  ProviderResponse r;
  if (call.payload.contains("file_path")) {  // an evidence file for a reviewer: upload it from disk
    EvidenceFile file;
    if (!ReadEvidenceFile(call.payload, &file)) return SendFailed("evidence file missing");
    std::string field = call.method == "sendPhoto" ? "photo" : "document";
    r = client_->PostFile(options_.api, MethodPath(call.method), {{"chat_id", destination}, {"caption", file.caption}},
                          field, file.name, file.mime, file.bytes, "", options.timeouts);
  } else {
    json body = call.payload;
    if (call.method != kAnswerCallback) body["chat_id"] = destination;
    r = client_->PostJson(options_.api, MethodPath(call.method), body, "", options.timeouts);
  }
  return Classify(r, options.max_retry_after_seconds);
}

SendOutcome TelegramChannel::Classify(const ProviderResponse& r, int64_t max_retry_after_seconds) const {
  if (r.status == 0) return SendRetry("network: " + CleanProviderText(r.error));
  try {
    return ClassifyTelegram(r, json::parse(r.body, nullptr, false), max_retry_after_seconds);
  } catch (const std::exception& e) {  // a shape no branch above foresaw
    return SendUnknown(std::string("unreadable reply: ") + CleanProviderText(e.what()));
  }
}

Status TelegramChannel::FetchMedia(const std::string& ref, std::string* bytes) {
  if (client_ == nullptr || options_.token.empty()) return Status::Unavailable("channel off");
  ProviderResponse r = client_->PostJson(options_.api, MethodPath("getFile"), {{"file_id", ref}}, "");
  json j = json::parse(r.body, nullptr, false);
  if (r.status != 200 || !j.is_object() || !j.value("ok", false) || !j.contains("result")) {
    return Status::Unavailable("getFile failed");
  }
  std::string file_path = j["result"].value("file_path", "");
  ProviderResponse f = client_->Get(options_.api, "/file/bot" + options_.token + "/" + file_path, "");
  if (f.status != 200) return Status::Unavailable("file download failed");
  *bytes = std::move(f.body);
  return Status::Ok();
}

}  // namespace netra
