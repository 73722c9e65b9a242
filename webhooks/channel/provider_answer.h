// Helpers every channel's classifier of provider answers shares: defensive reads of the answer's
// JSON, retry-after parsing, and cleaning the provider's text before it reaches logs and rows.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "webhooks/channel/channel.h"

namespace netra {

// Provider text for logs and the outbox row: printable ASCII only, at most 160 bytes, and long
// digit runs (phone numbers, chat ids) masked.
std::string CleanProviderText(const std::string& text);

// The member `key` of `j` when `j` is an object that has it; nullptr otherwise.
const nlohmann::json* JsonMember(const nlohmann::json& j, const char* key);
// The string member `key`, or "" when absent or of another type.
std::string JsonStringMember(const nlohmann::json& j, const char* key);

// A retry_after given as a JSON number, clamped to [1, max]; nullopt when absent or not a number.
std::optional<int64_t> RetryAfterFromJson(const nlohmann::json* value, int64_t max_seconds);
// A Retry-After header in seconds (the HTTP-date form is ignored), clamped to [1, max]; nullopt
// when it is not a number of seconds.
std::optional<int64_t> RetryAfterFromHeader(const std::string& header, int64_t max_seconds);

inline bool Is2xx(int status) { return status >= 200 && status < 300; }

SendOutcome SendDelivered();
SendOutcome SendRetry(std::string error);
// A retry of an answer whose shape is unknown (retried fewer times).
SendOutcome SendUnknown(std::string error);
SendOutcome SendFailed(std::string error);
// A rate-limited retry: after `retry_after` (a JSON number) or else the Retry-After header of `r`.
SendOutcome SendRateLimited(const ProviderResponse& r, const nlohmann::json* retry_after, int64_t max_seconds);

}  // namespace netra
