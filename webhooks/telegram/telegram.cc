#include "webhooks/telegram/telegram.h"
#include "base/text.h"
#include "webhooks/channel/inbound_text.h"
#include "webhooks/channel/json_fields.h"
#include "webhooks/channel/split_message.h"

namespace netra {
namespace {

constexpr size_t kTelegramTextLimit = 4096;
constexpr size_t kCallbackDataLimit = 64;

// A chat whose type is given and is not "private" (group, supergroup, channel).
bool IsGroupChat(JsonFields& chat) {
  std::string type = chat.String("type");
  return !type.empty() && type != "private";
}

}  // namespace

Status ParseTelegramUpdate(const nlohmann::json& u, ChannelUpdate* out) {
  std::string error;
  JsonFields update(u, &error, "update");
  ChannelUpdate c;
  c.update_key = update.IntegerText("update_id");
  if (!u.is_object() || c.update_key.empty()) {
    return Status::InvalidArgument(error.empty() ? "not a Telegram update: update_id missing" : error);
  }
  c.message.channel = "telegram";
  InboundMessage& msg = c.message;

  if (update.Has("callback_query")) {
    JsonFields q = update.Object("callback_query");
    c.callback_query_id = q.Id("id");
    c.user_id = q.Object("from").Id("id");
    JsonFields chat = q.Object("message").Object("chat");
    c.address = chat.exists() ? chat.Id("id") : c.user_id;
    msg.group_chat = IsGroupChat(chat);
    c.kind = ChannelUpdate::Kind::kMessage;
    msg.kind = MessageKind::kButton;
    msg.text = q.String("data");
  } else if (update.Has("message")) {
    JsonFields m = update.Object("message");
    c.kind = ChannelUpdate::Kind::kMessage;
    c.user_id = m.Object("from").Id("id");
    JsonFields chat = m.Object("chat");
    c.address = chat.Id("id");
    msg.group_chat = IsGroupChat(chat);
    if (c.user_id.empty()) c.user_id = c.address;
    const nlohmann::json* photo = m.Array("photo");
    if (m.Has("text")) {
      msg.kind = MessageKind::kText;
      msg.text = m.String("text");
    } else if (photo != nullptr && !photo->empty()) {
      JsonFields largest(photo->back(), &error, "message.photo[]");  // sizes ascend
      msg.kind = MessageKind::kMedia;
      msg.media = {"photo", largest.String("file_id"), "image/jpeg", largest.Int("file_size")};
      msg.text = m.String("caption");
    } else if (m.Has("document")) {
      JsonFields d = m.Object("document");
      std::string mime = d.String("mime_type");
      msg.kind = MessageKind::kMedia;
      msg.media = {"document", d.String("file_id"), mime.empty() ? "application/octet-stream" : mime,
                   d.Int("file_size")};
      msg.text = m.String("caption");
    } else if (m.Has("location")) {
      JsonFields loc = m.Object("location");
      msg.kind = MessageKind::kLocation;
      msg.latitude = loc.Number("latitude");
      msg.longitude = loc.Number("longitude");
    } else {
      msg.kind = MessageKind::kUnsupported;
      for (const char* kind : {"sticker", "voice", "audio", "video", "video_note", "animation", "contact", "poll",
                               "dice", "venue"}) {
        if (m.Has(kind)) msg.unsupported = kind;
      }
      if (msg.unsupported.empty()) msg.unsupported = "other";
    }
  } else {
    for (const char* ignored : {"edited_message", "channel_post", "edited_channel_post", "message_reaction",
                                "my_chat_member", "chat_member", "chat_join_request"}) {
      if (update.Has(ignored)) c.ignored_reason = ignored;
    }
    if (c.ignored_reason.empty()) c.ignored_reason = "other";
    c.kind = ChannelUpdate::Kind::kIgnored;
  }
  if (!error.empty()) return Status::InvalidArgument(error);
  msg.text = BoundedInboundText(std::move(msg.text));
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
        nlohmann::json button = {{"text", b.label}, {"callback_data", b.id}};
        if (b.same_row && !rows.empty()) {
          rows.back().push_back(std::move(button));
        } else {
          rows.push_back(nlohmann::json::array({std::move(button)}));
        }
      }
      body["reply_markup"] = {{"inline_keyboard", rows}};
    }
    out.push_back(std::move(body));
  }
  return out;
}

}  // namespace netra
