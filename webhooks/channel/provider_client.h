// ProviderClient: how the outbox talks to Telegram and WhatsApp, behind an interface. The real
// one speaks HTTPS with certificate verification; tests point it at fake servers on loopback.
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>

namespace httplib {
class Client;
}

namespace netra {

struct ProviderResponse {
  int status = 0;          // HTTP status; 0 when no answer came (network error, timeout)
  std::string body;
  std::string retry_after; // the Retry-After header, if any
  std::string error;       // the transport error when status is 0
};

// How long one call may take at each step; a call that takes longer answers status 0.
struct ProviderTimeouts {
  std::chrono::milliseconds connect{5000};
  std::chrono::milliseconds read{15000};
  std::chrono::milliseconds write{15000};
};

class ProviderClient {
 public:
  virtual ~ProviderClient() = default;
  // POSTs `body` as JSON to base_url + path (with a bearer token when not empty), within
  // `timeouts`. Returns the answer; status 0 when none came.
  virtual ProviderResponse PostJson(const std::string& base_url, const std::string& path, const nlohmann::json& body,
                                    const std::string& bearer, const ProviderTimeouts& timeouts) = 0;
  // GETs base_url + path. Returns the answer; status 0 when none came.
  virtual ProviderResponse Get(const std::string& base_url, const std::string& path, const std::string& bearer) = 0;
  // POSTs multipart/form-data: the text `fields` and one file part, within `timeouts`.
  // Returns the answer; status 0 when none came.
  virtual ProviderResponse PostFile(const std::string& base_url, const std::string& path,
                                    const std::map<std::string, std::string>& fields, const std::string& file_field,
                                    const std::string& filename, const std::string& mime, const std::string& bytes,
                                    const std::string& bearer, const ProviderTimeouts& timeouts) = 0;

  // The same with the default timeouts.
  ProviderResponse PostJson(const std::string& base_url, const std::string& path, const nlohmann::json& body,
                            const std::string& bearer) {
    return PostJson(base_url, path, body, bearer, ProviderTimeouts{});
  }
  ProviderResponse PostFile(const std::string& base_url, const std::string& path,
                            const std::map<std::string, std::string>& fields, const std::string& file_field,
                            const std::string& filename, const std::string& mime, const std::string& bytes,
                            const std::string& bearer) {
    return PostFile(base_url, path, fields, file_field, filename, mime, bytes, bearer, ProviderTimeouts{});
  }
};

class HttpProviderClient : public ProviderClient {
 public:
  HttpProviderClient();
  ~HttpProviderClient() override;
  using ProviderClient::PostFile;
  using ProviderClient::PostJson;
  ProviderResponse PostJson(const std::string& base_url, const std::string& path, const nlohmann::json& body,
                            const std::string& bearer, const ProviderTimeouts& timeouts) override;
  ProviderResponse Get(const std::string& base_url, const std::string& path, const std::string& bearer) override;
  ProviderResponse PostFile(const std::string& base_url, const std::string& path,
                            const std::map<std::string, std::string>& fields, const std::string& file_field,
                            const std::string& filename, const std::string& mime, const std::string& bytes,
                            const std::string& bearer, const ProviderTimeouts& timeouts) override;

 private:
  // A URL "https://host:port/prefix" as the client's origin and the path prefix.
  struct Origin {
    std::string scheme_host_port;
    std::string prefix;
  };
  static Origin Split(const std::string& base_url);
};

}  // namespace netra
