#include "webhooks/telegram.h"
#include "bot/text.h"

namespace netra {
namespace {

constexpr size_t kTelegramTextLimit = 4096;
constexpr size_t kCallbackDataLimit = 64;

std::string IdString(const nlohmann::json& v) {
  if (v.is_number_integer()) return std::to_string(v.get<int64_t>());
  if (v.is_string()) return v.get<std::string>();
  return "";
}

}  // namespace

std::vector<std::string> SplitMessage(const std::string& text, size_t limit) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (start < text.size()) {
    if (Utf16Units(text, start, text.size()) <= limit) {
      parts.push_back(text.substr(start));
      break;
    }
    // The longest prefix within the limit, cut at a character boundary.
    size_t end = start, units = 0;
    while (end < text.size()) {
      unsigned char c = static_cast<unsigned char>(text[end]);
      size_t len = Utf8SequenceLength(c);
      size_t u = len == 4 ? 2 : 1;
      if (units + u > limit) break;
      units += u;
      end += len;
    }
    size_t cut = std::string::npos;
    for (const char* sep : {"\n\n", "\n", " "}) {
      size_t at = text.rfind(sep, end - 1);
      if (at != std::string::npos && at > start + (end - start) / 2) {
        cut = at;
        break;
      }
    }
    size_t next = cut == std::string::npos ? end : cut;
    parts.push_back(text.substr(start, next - start));
    start = next;
    while (start < text.size() && (text[start] == '\n' || text[start] == ' ')) ++start;
  }
  if (parts.empty()) parts.push_back("");
  return parts;
}

Status ParseTelegramUpdate(const nlohmann::json& u, ChannelUpdate* out) {
  if (!u.is_object() || !u.contains("update_id") || !u["update_id"].is_number_integer()) {
    return Status::InvalidArgument("not a Telegram update: update_id missing");
  }
  ChannelUpdate c;
  c.update_key = std::to_string(u["update_id"].get<int64_t>());
  c.message.channel = "telegram";

  if (u.contains("callback_query") && u["callback_query"].is_object()) {
    const auto& q = u["callback_query"];
    c.callback_query_id = q.value("id", "");
    c.user_id = q.contains("from") ? IdString(q["from"].value("id", nlohmann::json())) : "";
    if (q.contains("message") && q["message"].contains("chat")) {
      const auto& chat = q["message"]["chat"];
      c.address = IdString(chat.value("id", nlohmann::json()));
      c.message.group_chat = chat.value("type", "private") != "private";
    } else {
      c.address = c.user_id;
    }
    c.kind = ChannelUpdate::Kind::kMessage;
    c.message.kind = MessageKind::kButton;
    c.message.text = q.value("data", "");
    *out = std::move(c);
    return Status::Ok();
  }
  const nlohmann::json* m = nullptr;
  if (u.contains("message") && u["message"].is_object()) {
    m = &u["message"];
  } else {
    for (const char* ignored : {"edited_message", "channel_post", "edited_channel_post", "message_reaction",
                                "my_chat_member", "chat_member", "chat_join_request"}) {
      if (u.contains(ignored)) c.ignored_reason = ignored;
    }
    if (c.ignored_reason.empty()) c.ignored_reason = "other";
    c.kind = ChannelUpdate::Kind::kIgnored;
    *out = std::move(c);
    return Status::Ok();
  }
  c.kind = ChannelUpdate::Kind::kMessage;
  c.user_id = m->contains("from") ? IdString((*m)["from"].value("id", nlohmann::json())) : "";
  if (m->contains("chat")) {
    c.address = IdString((*m)["chat"].value("id", nlohmann::json()));
    c.message.group_chat = (*m)["chat"].value("type", "private") != "private";
  }
  if (c.user_id.empty()) c.user_id = c.address;
  InboundMessage& msg = c.message;
  if (m->contains("text") && (*m)["text"].is_string()) {
    msg.kind = MessageKind::kText;
    msg.text = (*m)["text"].get<std::string>();
  } else if (m->contains("photo") && (*m)["photo"].is_array() && !(*m)["photo"].empty()) {
    const auto& largest = (*m)["photo"].back();  // sizes ascend
    msg.kind = MessageKind::kMedia;
    msg.media = {"photo", largest.value("file_id", ""), "image/jpeg", largest.value("file_size", int64_t{0})};
    msg.text = m->value("caption", "");
  } else if (m->contains("document") && (*m)["document"].is_object()) {
    const auto& d = (*m)["document"];
    msg.kind = MessageKind::kMedia;
    msg.media = {"document", d.value("file_id", ""), d.value("mime_type", "application/octet-stream"),
                 d.value("file_size", int64_t{0})};
    msg.text = m->value("caption", "");
  } else if (m->contains("location") && (*m)["location"].is_object()) {
    msg.kind = MessageKind::kLocation;
    msg.latitude = (*m)["location"].value("latitude", 0.0);
    msg.longitude = (*m)["location"].value("longitude", 0.0);
  } else {
    msg.kind = MessageKind::kUnsupported;
    for (const char* kind : {"sticker", "voice", "audio", "video", "video_note", "animation", "contact", "poll",
                             "dice", "venue"}) {
      if (m->contains(kind)) msg.unsupported = kind;
    }
    if (msg.unsupported.empty()) msg.unsupported = "other";
  }
  *out = std::move(c);
  return Status::Ok();
}

std::vector<nlohmann::json> RenderTelegram(const Reply& reply, const std::string& chat_id) {
  std::vector<nlohmann::json> out;
  std::vector<std::string> parts = SplitMessage(reply.text.empty() ? " " : reply.text, kTelegramTextLimit);
  for (size_t i = 0; i < parts.size(); ++i) {
    nlohmann::json body = {{"chat_id", chat_id}, {"text", parts[i]}};
    if (i + 1 == parts.size() && !reply.buttons.empty()) {
      nlohmann::json rows = nlohmann::json::array();
      for (const auto& b : reply.buttons) {
        if (b.id.size() > kCallbackDataLimit) continue;
        rows.push_back(nlohmann::json::array({{{"text", b.label}, {"callback_data", b.id}}}));
      }
      body["reply_markup"] = {{"inline_keyboard", rows}};
    }
    out.push_back(std::move(body));
  }
  return out;
}

}  // namespace netra
