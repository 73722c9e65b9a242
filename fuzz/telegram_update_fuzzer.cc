// Fuzzes ParseTelegramUpdate: the bytes of a webhook body, parsed as JSON the way the webhook
// handler does (no exceptions), then handed to the parser. The parser must never throw: an
// exception escaping here terminates the process, which libFuzzer reports as a crash with the
// throwing frame on the stack.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include <nlohmann/json.hpp>

#include "webhooks/telegram/telegram.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  nlohmann::json body = nlohmann::json::parse(data, data + size, nullptr, /*allow_exceptions=*/false);
  if (body.is_discarded()) return 0;
  netra::ChannelUpdate update;
  netra::Status s = netra::ParseTelegramUpdate(body, &update);
  if (!s.ok()) return 0;
  // An update the parser accepts always has its id and, when it is for the dialog, the channel.
  if (update.update_key.empty()) std::abort();
  if (update.kind == netra::ChannelUpdate::Kind::kMessage && update.message.channel != "telegram") std::abort();
  return 0;
}
