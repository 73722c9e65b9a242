// Telegram Bot API: turning updates into ChannelUpdates and Replies into sendMessage calls.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "base/status.h"
#include "webhooks/channel/channel_update.h"

namespace netra {

// Parses one Update object. Returns OK and fills *update (kMessage or kIgnored) on success;
// InvalidArgument when the JSON is not an Update (no update_id).
Status ParseTelegramUpdate(const nlohmann::json& update, ChannelUpdate* out);

// The sendMessage bodies for a reply to `chat_id`: text split at 4096 characters on paragraph
// boundaries, buttons as an inline keyboard on the last part.
std::vector<nlohmann::json> RenderTelegram(const Reply& reply, const std::string& chat_id);

}  // namespace netra
