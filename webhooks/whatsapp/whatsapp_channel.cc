#include "webhooks/whatsapp/whatsapp_channel.h"

#include <algorithm>
#include <cctype>
#include <climits>

#include "privacy/crypto.h"
#include "webhooks/channel/evidence_file.h"
#include "webhooks/channel/provider_answer.h"
#include "webhooks/whatsapp/whatsapp.h"

namespace netra {
namespace {

using json = nlohmann::json;

// Splits an absolute URL into origin and path.
std::pair<std::string, std::string> SplitUrl(const std::string& url) {
  size_t scheme = url.find("://");
  size_t path = scheme == std::string::npos ? std::string::npos : url.find('/', scheme + 3);
  if (path == std::string::npos) return {url, "/"};
  return {url.substr(0, path), url.substr(path)};
}

// WhatsApp Cloud API error codes worth another try: throttling and temporary server trouble.
// Every other 4xx (131047 outside the 24-hour window, 131026 undeliverable, 100 bad parameter,
// 190 bad token, ...) is permanent.
bool WhatsAppRateLimitCode(int64_t code) {
  return code == 4 || code == 17 || code == 341 || code == 80007 || code == 130429 || code == 131048 ||
         code == 131056;
}
bool WhatsAppTransientCode(int64_t code) {
  return code == 1 || code == 2 || code == 131000 || code == 131016 || code == 133004;
}

// A Graph API error answer ({"error":{"code":...,"message":...}}) with HTTP `status`.
SendOutcome WhatsAppError(const ProviderResponse& r, const json& body, int64_t max_seconds) {
  const json* error = JsonMember(body, "error");
  const json* code_value = error != nullptr ? JsonMember(*error, "code") : nullptr;
  std::optional<int64_t> code;
  if (code_value != nullptr && code_value->is_number_integer()) {
    code = code_value->is_number_unsigned()
               ? static_cast<int64_t>(std::min<uint64_t>(code_value->get<uint64_t>(), INT64_MAX))
               : code_value->get<int64_t>();
  }
  const json* transient = error != nullptr ? JsonMember(*error, "is_transient") : nullptr;
  std::string what = "whatsapp http " + std::to_string(r.status);
  if (code) what += " code " + std::to_string(*code);
  if (error != nullptr) {
    std::string message = CleanProviderText(JsonStringMember(*error, "message"));
    if (!message.empty()) what += ": " + message;
  }
  if (r.status == 429 || (code && WhatsAppRateLimitCode(*code))) {
    SendOutcome out = SendRateLimited(r, nullptr, max_seconds);
    out.error = "rate_limited: " + what;
    return out;
  }
  if (r.status >= 500 || r.status == 408) return SendRetry(what);
  if ((code && WhatsAppTransientCode(*code)) ||
      (transient != nullptr && transient->is_boolean() && transient->get<bool>())) {
    return SendRetry(what);
  }
  if (r.status >= 400 && r.status < 500) return SendFailed(what);
  if (code) return SendFailed(what);  // an error object with a 2xx status: the API refused the message
  return SendUnknown(what);
}

SendOutcome ClassifyWhatsApp(const ProviderResponse& r, const json& body, int64_t max_seconds) {
  if (Is2xx(r.status)) {
    const json* messages = JsonMember(body, "messages");
    if (messages != nullptr && messages->is_array() && !messages->empty() &&
        !JsonStringMember(messages->front(), "id").empty()) {
      return SendDelivered();
    }
    if (JsonMember(body, "error") != nullptr) return WhatsAppError(r, body, max_seconds);
    return SendUnknown("unexpected reply: whatsapp http " + std::to_string(r.status));
  }
  if (r.status < 400 || JsonMember(body, "error") == nullptr) {
    if (r.status == 429) return SendRateLimited(r, nullptr, max_seconds);
    if (r.status >= 500 || r.status == 408) return SendRetry("whatsapp http " + std::to_string(r.status));
    if (r.status >= 400) return SendFailed("whatsapp http " + std::to_string(r.status));
    return SendUnknown("unexpected reply: whatsapp http " + std::to_string(r.status));
  }
  return WhatsAppError(r, body, max_seconds);
}

}  // namespace

SendOutcome ClassifyWhatsAppUpload(const ProviderResponse& r, std::string* media_id, int64_t max_retry_after_seconds) {
  if (r.status == 0) return SendRetry("network: " + CleanProviderText(r.error));
  try {
    json body = json::parse(r.body, nullptr, false);
    if (Is2xx(r.status)) {
      std::string id = JsonStringMember(body, "id");
      if (!id.empty()) {
        *media_id = id;
        return SendDelivered();
      }
      if (JsonMember(body, "error") != nullptr) return WhatsAppError(r, body, max_retry_after_seconds);
      return SendUnknown("unexpected reply to upload: whatsapp http " + std::to_string(r.status));
    }
    return ClassifyWhatsApp(r, body, max_retry_after_seconds);
  } catch (const std::exception& e) {
    return SendUnknown(std::string("unreadable reply: ") + CleanProviderText(e.what()));
  }
}

WhatsAppChannel::WhatsAppChannel(WhatsAppOptions options, ProviderClient* client)
    : options_(std::move(options)), client_(client) {}

const std::string& WhatsAppChannel::name() const {
  static const std::string kName = "whatsapp";
  return kName;
}

ChannelRoute WhatsAppChannel::route() const { return {"/webhook/whatsapp", true}; }

bool WhatsAppChannel::Verify(const WebhookRequest& request) const {
  if (options_.app_secret.empty()) return false;
  const std::string prefix = "sha256=";
  std::string expected = prefix + ToHex(HmacSha256(options_.app_secret, request.body));
  std::string given = request.header("X-Hub-Signature-256");
  for (size_t i = prefix.size(); i < given.size(); ++i) given[i] = static_cast<char>(std::tolower(given[i]));
  return ConstantTimeEquals(given, expected);
}

bool WhatsAppChannel::VerifySubscription(const WebhookRequest& request, std::string* answer) const {
  if (options_.verify_token.empty() || request.param("hub.mode") != "subscribe" ||
      !ConstantTimeEquals(request.param("hub.verify_token"), options_.verify_token)) {
    return false;
  }
  *answer = request.param("hub.challenge");
  return true;
}

Status WhatsAppChannel::Parse(const json& body, std::vector<ChannelUpdate>* updates) const {
  return ParseWhatsAppNotification(body, updates);
}

std::vector<OutboundCall> WhatsAppChannel::Render(const Reply& reply) const {
  std::vector<OutboundCall> calls;
  for (auto& p : RenderWhatsApp(reply, "")) {
    p.erase("to");  // the destination is sealed apart
    calls.push_back({"messages", std::move(p)});
  }
  for (size_t i = 0; i < reply.media.size(); ++i) {
    calls.push_back(
        {reply.media[i].kind == "photo" ? "upload:image" : "upload:document", EvidenceFilePayload(reply, i)});
  }
  return calls;
}

SendOutcome WhatsAppChannel::Send(const OutboundCall& call, const std::string& destination,
                                  const SendOptions& options) {
  if (client_ == nullptr || !call.payload.is_object()) return SendFailed("unreadable payload");
  const std::string messages = "/" + options_.phone_id + "/messages";
  if (!call.payload.contains("file_path")) {
    json body = call.payload;
    body["to"] = destination;
    ProviderResponse r = client_->PostJson(options_.api, messages, body, options_.token, options.timeouts);
    return Classify(r, options.max_retry_after_seconds);
  }
  // An evidence file for a reviewer: upload it from disk, then send it by its media id.
  EvidenceFile file;
  if (!ReadEvidenceFile(call.payload, &file)) return SendFailed("evidence file missing");
  ProviderResponse r = client_->PostFile(options_.api, "/" + options_.phone_id + "/media",
                                         {{"messaging_product", "whatsapp"}, {"type", file.mime}}, "file", file.name,
                                         file.mime, file.bytes, options_.token, options.timeouts);
  std::string media_id;
  SendOutcome uploaded = ClassifyWhatsAppUpload(r, &media_id, options.max_retry_after_seconds);
  if (uploaded.kind != SendOutcome::Kind::kDelivered) return uploaded;
  std::string type = call.method == "upload:image" ? "image" : "document";
  json message = {{"messaging_product", "whatsapp"}, {"recipient_type", "individual"}, {"to", destination},
                  {"type", type}, {type, {{"id", media_id}, {"caption", file.caption}}}};
  r = client_->PostJson(options_.api, messages, message, options_.token, options.timeouts);
  return Classify(r, options.max_retry_after_seconds);
}

SendOutcome WhatsAppChannel::Classify(const ProviderResponse& r, int64_t max_retry_after_seconds) const {
  if (r.status == 0) return SendRetry("network: " + CleanProviderText(r.error));
  try {
    return ClassifyWhatsApp(r, json::parse(r.body, nullptr, false), max_retry_after_seconds);
  } catch (const std::exception& e) {  // a shape no branch above foresaw
    return SendUnknown(std::string("unreadable reply: ") + CleanProviderText(e.what()));
  }
}

Status WhatsAppChannel::FetchMedia(const std::string& ref, std::string* bytes) {
  if (client_ == nullptr || options_.token.empty()) return Status::Unavailable("channel off");
  ProviderResponse r = client_->Get(options_.api, "/" + ref, options_.token);
  json j = json::parse(r.body, nullptr, false);
  if (r.status != 200 || !j.is_object() || !j.contains("url")) return Status::Unavailable("media lookup failed");
  auto [origin, path] = SplitUrl(j["url"].get<std::string>());
  ProviderResponse f = client_->Get(origin, path, options_.token);
  if (f.status != 200) return Status::Unavailable("media download failed");
  *bytes = std::move(f.body);
  return Status::Ok();
}

}  // namespace netra
