#include "webhooks/channel/channel.h"

namespace netra {

bool Channel::VerifySubscription(const WebhookRequest&, std::string*) const { return false; }

std::optional<OutboundCall> Channel::AcknowledgeButton(const std::string&) const { return std::nullopt; }

Channel* FindChannel(const std::vector<Channel*>& channels, const std::string& name) {
  for (Channel* c : channels) {
    if (c != nullptr && c->name() == name) return c;
  }
  return nullptr;
}

}  // namespace netra
