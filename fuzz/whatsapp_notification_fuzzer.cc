// Fuzzes ParseWhatsAppNotification: the bytes of a webhook body, parsed as JSON the way the
// webhook handler does (no exceptions), then handed to the parser. The parser must never throw:
// an exception escaping here terminates the process, which libFuzzer reports as a crash with the
// throwing frame on the stack.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <vector>

#include <nlohmann/json.hpp>

#include "webhooks/whatsapp/whatsapp.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  nlohmann::json body = nlohmann::json::parse(data, data + size, nullptr, /*allow_exceptions=*/false);
  if (body.is_discarded()) return 0;
  std::vector<netra::ChannelUpdate> updates;
  netra::Status s = netra::ParseWhatsAppNotification(body, &updates);
  if (!s.ok()) return 0;
  for (const auto& u : updates) {
    // A message handed to the dialog always names its sender and its id (for de-duplication).
    if (u.kind == netra::ChannelUpdate::Kind::kMessage && (u.update_key.empty() || u.user_id.empty())) std::abort();
  }
  return 0;
}
