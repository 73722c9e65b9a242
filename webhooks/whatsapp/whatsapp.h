// WhatsApp Cloud API: turning notifications into ChannelUpdates and Replies into messages calls.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "base/status.h"
#include "webhooks/channel/channel_update.h"

namespace netra {

// Parses a notification (object "whatsapp_business_account"): every message and status in it.
// Returns OK and fills *updates on success; InvalidArgument when it is not such a notification.
Status ParseWhatsAppNotification(const nlohmann::json& body, std::vector<ChannelUpdate>* updates);

// The /messages bodies for a reply to phone number `to`: reply buttons when there are at most 3
// (titles cut to 20 characters), a list when there are up to 10 (rows cut to 24), numbered choices
// in the text beyond that; text split at 4096 characters, interactive bodies at 1024.
std::vector<nlohmann::json> RenderWhatsApp(const Reply& reply, const std::string& to);


}  // namespace netra
