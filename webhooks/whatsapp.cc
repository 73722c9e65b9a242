#include "webhooks/whatsapp.h"
#include "bot/text.h"

#include "webhooks/telegram.h"

namespace netra {
namespace {

constexpr size_t kTextLimit = 4096;
constexpr size_t kInteractiveBodyLimit = 1024;
constexpr size_t kButtonTitle = 20, kRowTitle = 24, kRowDescription = 72;

}  // namespace

std::string CutTitle(const std::string& s, size_t max_chars) {
  if (CodePoints(s) <= max_chars) return s;
  std::string out;
  size_t n = 0;
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    size_t len = Utf8SequenceLength(c);
    if (n + 1 >= max_chars) break;
    out.append(s, i, len);
    i += len;
    ++n;
  }
  return out + "…";
}

Status ParseWhatsAppNotification(const nlohmann::json& body, std::vector<ChannelUpdate>* updates) {
  if (!body.is_object() || body.value("object", "") != "whatsapp_business_account" || !body.contains("entry") ||
      !body["entry"].is_array()) {
    return Status::InvalidArgument("not a WhatsApp Business Account notification");
  }
  updates->clear();
  for (const auto& entry : body["entry"]) {
    if (!entry.contains("changes") || !entry["changes"].is_array()) continue;
    for (const auto& change : entry["changes"]) {
      if (!change.contains("value") || !change["value"].is_object()) continue;
      const auto& value = change["value"];
      if (value.contains("statuses") && value["statuses"].is_array()) {
        for (const auto& st : value["statuses"]) {
          ChannelUpdate c;
          c.kind = ChannelUpdate::Kind::kStatus;
          c.update_key = "status:" + st.value("id", "") + ":" + st.value("status", "");
          c.status = st.value("status", "");
          updates->push_back(std::move(c));
        }
      }
      if (!value.contains("messages") || !value["messages"].is_array()) continue;
      for (const auto& m : value["messages"]) {
        ChannelUpdate c;
        c.kind = ChannelUpdate::Kind::kMessage;
        c.update_key = m.value("id", "");
        c.user_id = m.value("from", "");
        c.address = c.user_id;
        InboundMessage& msg = c.message;
        msg.channel = "whatsapp";
        std::string type = m.value("type", "");
        if (type == "text" && m.contains("text")) {
          msg.kind = MessageKind::kText;
          msg.text = m["text"].value("body", "");
        } else if (type == "interactive" && m.contains("interactive")) {
          const auto& i = m["interactive"];
          std::string itype = i.value("type", "");
          msg.kind = MessageKind::kButton;
          if (itype == "button_reply" && i.contains("button_reply")) msg.text = i["button_reply"].value("id", "");
          if (itype == "list_reply" && i.contains("list_reply")) msg.text = i["list_reply"].value("id", "");
        } else if (type == "button" && m.contains("button")) {
          msg.kind = MessageKind::kButton;  // a template's quick reply
          msg.text = m["button"].value("payload", m["button"].value("text", ""));
        } else if ((type == "image" || type == "document") && m.contains(type)) {
          const auto& media = m[type];
          msg.kind = MessageKind::kMedia;
          msg.media = {type == "image" ? "photo" : "document", media.value("id", ""),
                       media.value("mime_type", "application/octet-stream"), 0};
          msg.text = media.value("caption", "");
        } else if (type == "location" && m.contains("location")) {
          msg.kind = MessageKind::kLocation;
          msg.latitude = m["location"].value("latitude", 0.0);
          msg.longitude = m["location"].value("longitude", 0.0);
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
        updates->push_back(std::move(c));
      }
    }
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
          action["buttons"].push_back({{"type", "reply"}, {"reply", {{"id", b.id}, {"title", CutTitle(b.label, kButtonTitle)}}}});
        }
        body["interactive"] = {{"type", "button"}, {"body", {{"text", parts[i]}}}, {"action", action}};
      } else {
        nlohmann::json rows = nlohmann::json::array();
        for (const auto& b : buttons) {
          nlohmann::json row = {{"id", b.id}, {"title", CutTitle(b.label, kRowTitle)}};
          if (CodePoints(b.label) > kRowTitle) row["description"] = CutTitle(b.label, kRowDescription);
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
