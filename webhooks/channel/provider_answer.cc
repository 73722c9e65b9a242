#include "webhooks/channel/provider_answer.h"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace netra {
namespace {

int64_t Clamp(double seconds, int64_t max_seconds) {
  if (!(seconds >= 1)) return 1;  // also NaN
  if (seconds >= static_cast<double>(max_seconds)) return max_seconds;
  return static_cast<int64_t>(std::ceil(seconds));
}

}  // namespace

std::string CleanProviderText(const std::string& text) {
  std::string out;
  size_t digits = 0;
  for (char c : text) {
    if (out.size() >= 160) break;
    bool printable = c >= 0x20 && c < 0x7f;
    out.push_back(printable ? c : '?');
    digits = (c >= '0' && c <= '9') ? digits + 1 : 0;
    if (digits >= 6) {
      for (size_t i = out.size() - digits; i < out.size(); ++i) out[i] = '#';
    }
  }
  return out;
}

const nlohmann::json* JsonMember(const nlohmann::json& j, const char* key) {
  if (!j.is_object()) return nullptr;
  auto it = j.find(key);
  return it == j.end() ? nullptr : &*it;
}

std::string JsonStringMember(const nlohmann::json& j, const char* key) {
  const nlohmann::json* v = JsonMember(j, key);
  return v != nullptr && v->is_string() ? v->get<std::string>() : std::string();
}

std::optional<int64_t> RetryAfterFromJson(const nlohmann::json* v, int64_t max_seconds) {
  if (v == nullptr) return std::nullopt;
  if (v->is_number_unsigned()) {
    uint64_t s = v->get<uint64_t>();
    return s >= static_cast<uint64_t>(max_seconds) ? max_seconds : std::max<int64_t>(1, static_cast<int64_t>(s));
  }
  if (v->is_number_integer()) return Clamp(static_cast<double>(v->get<int64_t>()), max_seconds);
  if (v->is_number_float()) return Clamp(v->get<double>(), max_seconds);
  return std::nullopt;
}

std::optional<int64_t> RetryAfterFromHeader(const std::string& header, int64_t max_seconds) {
  size_t begin = header.find_first_not_of(" \t");
  size_t end = header.find_last_not_of(" \t");
  if (begin == std::string::npos) return std::nullopt;
  const char* first = header.data() + begin;
  const char* last = header.data() + end + 1;
  int64_t s = 0;
  auto [ptr, ec] = std::from_chars(first, last, s);
  if (ec == std::errc::result_out_of_range && ptr == last) return max_seconds;
  if (ec != std::errc() || ptr != last) return std::nullopt;
  return Clamp(static_cast<double>(s), max_seconds);
}

SendOutcome SendDelivered() { return {SendOutcome::Kind::kDelivered, 0, false, ""}; }
SendOutcome SendRetry(std::string error) { return {SendOutcome::Kind::kRetry, 0, false, std::move(error)}; }
SendOutcome SendUnknown(std::string error) { return {SendOutcome::Kind::kRetry, 0, true, std::move(error)}; }
SendOutcome SendFailed(std::string error) { return {SendOutcome::Kind::kFailed, 0, false, std::move(error)}; }

SendOutcome SendRateLimited(const ProviderResponse& r, const nlohmann::json* retry_after, int64_t max_seconds) {
  SendOutcome out = SendRetry("rate_limited");
  std::optional<int64_t> s = RetryAfterFromJson(retry_after, max_seconds);
  if (!s) s = RetryAfterFromHeader(r.retry_after, max_seconds);
  out.retry_after_seconds = s.value_or(0);
  return out;
}

}  // namespace netra
