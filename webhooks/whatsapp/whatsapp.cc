#include "webhooks/whatsapp/whatsapp.h"
#include "base/text.h"

#include "webhooks/channel/inbound_text.h"
#include "webhooks/channel/json_fields.h"
#include "webhooks/channel/split_message.h"

namespace netra {
namespace {

constexpr size_t kTextLimit = 4096;
constexpr size_t kInteractiveBodyLimit = 1024;
constexpr size_t kButtonTitle = 20, kRowTitle = 24, kRowDescription = 72;

}  // namespace

Status ParseWhatsAppNotification(const nlohmann::json& body, std::vector<ChannelUpdate>* updates) {
  std::string error;
  JsonFields notification(body, &error, "notification");
  const nlohmann::json* entries = notification.Array("entry");
  if (!body.is_object() || notification.String("object") != "whatsapp_business_account" || entries == nullptr) {
    return Status::InvalidArgument(error.empty() ? "not a WhatsApp Business Account notification" : error);
  }
  updates->clear();
  for (const auto& entry_json : *entries) {
    JsonFields entry(entry_json, &error, "entry[]");
    const nlohmann::json* changes = entry.Array("changes");
    if (changes == nullptr) continue;
    for (const auto& change_json : *changes) {
      JsonFields value = JsonFields(change_json, &error, "changes[]").Object("value");
      if (const nlohmann::json* statuses = value.Array("statuses")) {
        for (const auto& st_json : *statuses) {
          JsonFields st(st_json, &error, "statuses[]");
          ChannelUpdate c;
          c.kind = ChannelUpdate::Kind::kStatus;
          c.status = st.String("status");
          c.update_key = "status:" + st.String("id") + ":" + c.status;
          updates->push_back(std::move(c));
        }
      }
      const nlohmann::json* messages = value.Array("messages");
      if (messages == nullptr) continue;
      for (const auto& m_json : *messages) {
        JsonFields m(m_json, &error, "messages[]");
        ChannelUpdate c;
        c.kind = ChannelUpdate::Kind::kMessage;
        c.update_key = m.String("id");
        c.user_id = m.Id("from");
        c.address = c.user_id;
        InboundMessage& msg = c.message;
        msg.channel = "whatsapp";
        std::string type = m.String("type");
        if (type == "text" && m.Has("text")) {
          msg.kind = MessageKind::kText;
          msg.text = m.Object("text").String("body");
        } else if (type == "interactive" && m.Has("interactive")) {
          JsonFields i = m.Object("interactive");
          std::string itype = i.String("type");
          msg.kind = MessageKind::kButton;
          if (itype == "button_reply") msg.text = i.Object("button_reply").String("id");
          if (itype == "list_reply") msg.text = i.Object("list_reply").String("id");
        } else if (type == "button" && m.Has("button")) {
          JsonFields b = m.Object("button");
          msg.kind = MessageKind::kButton;  // a template's quick reply
          msg.text = b.Has("payload") ? b.String("payload") : b.String("text");
        } else if ((type == "image" || type == "document") && m.Has(type.c_str())) {
          JsonFields media = m.Object(type.c_str());
          std::string mime = media.String("mime_type");
          msg.kind = MessageKind::kMedia;
          msg.media = {type == "image" ? "photo" : "document", media.String("id"),
                       mime.empty() ? "application/octet-stream" : mime, 0};
          msg.text = media.String("caption");
        } else if (type == "location" && m.Has("location")) {
          JsonFields loc = m.Object("location");
          msg.kind = MessageKind::kLocation;
          msg.latitude = loc.Number("latitude");
          msg.longitude = loc.Number("longitude");
        } else if (type == "reaction") {
          c.kind = ChannelUpdate::Kind::kIgnored;
          c.ignored_reason = "reaction";
        } else {
          msg.kind = MessageKind::kUnsupported;
          msg.unsupported = type.empty() ? "unknown" : type;
        }
        if (c.update_key.empty() || c.user_id.empty()) {
          c.kind = ChannelUpdate::Kind::kIgnored;
          c.ignored_reason = "incomplete";
        }
        msg.text = BoundedInboundText(std::move(msg.text));
        updates->push_back(std::move(c));
      }
    }
  }
  if (!error.empty()) {
    updates->clear();
    return Status::InvalidArgument(error);
  }
  return Status::Ok();
}

std::vector<nlohmann::json> RenderWhatsApp(const Reply& reply, const std::string& to) {
  std::vector<nlohmann::json> out;
  auto base = [&] {
    return nlohmann::json{{"messaging_product", "whatsapp"}, {"recipient_type", "individual"}, {"to", to}};
  };
  std::string text = reply.text.empty() ? " " : reply.text;
  const auto& buttons = reply.buttons;
  bool interactive = !buttons.empty() && buttons.size() <= 10;
  if (!buttons.empty() && !interactive) {
    // More choices than a list holds: numbered, answered by typing the number.
    for (size_t i = 0; i < buttons.size(); ++i) text += "\n" + std::to_string(i + 1) + ". " + buttons[i].label;
  }
  std::vector<std::string> parts = SplitMessage(text, interactive ? kInteractiveBodyLimit : kTextLimit);
  for (size_t i = 0; i < parts.size(); ++i) {
    nlohmann::json body = base();
    bool last = i + 1 == parts.size();
    if (last && interactive) {
      body["type"] = "interactive";
      nlohmann::json action;
      if (buttons.size() <= 3) {
        action["buttons"] = nlohmann::json::array();
        for (const auto& b : buttons) {
          action["buttons"].push_back({{"type", "reply"}, {"reply", {{"id", b.id}, {"title", Utf8PrefixWithEllipsis(b.label, kButtonTitle)}}}});
        }
        body["interactive"] = {{"type", "button"}, {"body", {{"text", parts[i]}}}, {"action", action}};
      } else {
        nlohmann::json rows = nlohmann::json::array();
        for (const auto& b : buttons) {
          nlohmann::json row = {{"id", b.id}, {"title", Utf8PrefixWithEllipsis(b.label, kRowTitle)}};
          if (CodePoints(b.label) > kRowTitle) row["description"] = Utf8PrefixWithEllipsis(b.label, kRowDescription);
          rows.push_back(std::move(row));
        }
        action = {{"button", "Pilih"}, {"sections", {{{"title", "Pilihan"}, {"rows", rows}}}}};
        body["interactive"] = {{"type", "list"}, {"body", {{"text", parts[i]}}}, {"action", action}};
      }
    } else {
      body["type"] = "text";
      body["text"] = {{"body", parts[i]}, {"preview_url", false}};
    }
    out.push_back(std::move(body));
  }
  return out;
}

}  // namespace netra
