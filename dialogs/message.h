// The channel-neutral message model: what a user sent, and what Netra replies.
// Channels turn provider payloads into InboundMessage and render Reply back; the dialog core
// never sees a provider's JSON.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "dialogs/chat_address.h"

namespace netra {

enum class MessageKind { kText, kButton, kMedia, kLocation, kUnsupported };

struct MediaRef {
  std::string kind;      // "photo" or "document"
  std::string ref;       // the provider's file id / media id
  std::string mime_type;
  int64_t size = 0;
  std::string caption;   // shown with the file when it is sent ("Bukti 1/2"), from the scripts
};

struct InboundMessage {
  std::string channel;   // "telegram", "whatsapp", "terminal"
  std::string user_key;  // the pseudonym of (channel, user id): never the raw id
  MessageKind kind = MessageKind::kText;
  std::string text;      // the text, the caption, or the pressed button's id
  MediaRef media;        // kMedia
  double latitude = 0;   // kLocation
  double longitude = 0;
  bool group_chat = false;
  std::string unsupported;  // kUnsupported: what it was ("sticker", "voice", …)
  bool reviewer = false;    // the sender is a configured reviewer (staff)
  // The reviewer roster could not be read for the sender (e.g. a busy database): desk commands
  // are then answered "try again", neither run nor refused.
  bool role_unknown = false;
  // Where replies go (the channel and a chat id or phone number), opaque to the dialog core: it is
  // only handed, sealed, to the tip store as the way back to a tipster, and never logged or
  // stored in clear.
  ChatAddress reply_address;
  // Set only for reviewers (staff): who they are, for the audit log and tip claims.
  ChatAddress staff_id;
};

struct Button {
  std::string id;     // sent back when pressed (≤ 64 bytes for Telegram)
  std::string label;  // what the user sees
  // On the same row as the previous button, where the channel lays buttons out in rows.
  bool same_row = false;
};

struct Reply {
  std::string text;
  std::vector<Button> buttons;  // rendered as buttons, a list, or numbered choices
  std::vector<MediaRef> media;  // evidence shown to reviewers
  // Someone other than the sender, e.g. a tipster reached through the sealed return route or a
  // reviewer told of a new tip; empty (no channel) for the sender.
  ChatAddress to;
};

}  // namespace netra
