// ChannelUpdate: what a channel adapter makes of one provider update, before the dialog sees it.
// It still holds the provider's ids, so it lives only in memory during the webhook request: the
// dialog gets the pseudonym, the outbox gets the sealed address, and nothing else keeps them.
#pragma once

#include <string>

#include "dialogs/message.h"

namespace netra {

struct ChannelUpdate {
  enum class Kind {
    kMessage,  // a message or button press for the dialog
    kIgnored,  // handled on purpose without a reply (edits, channel posts, reactions, joins)
    kStatus,   // a delivery status (WhatsApp statuses[])
  };
  Kind kind = Kind::kIgnored;
  std::string update_key;        // the provider's id of the update, for de-duplication
  std::string user_id;           // provider user id (pseudonymised before use)
  std::string address;           // where replies go: chat id or phone number
  std::string callback_query_id; // Telegram: a button press to acknowledge
  std::string ignored_reason;    // kIgnored: why, for metrics ("edited", "channel_post", …)
  std::string status;            // kStatus: sent, delivered, read, failed
  InboundMessage message;        // kMessage: without user_key and reply_address yet
};

}  // namespace netra
