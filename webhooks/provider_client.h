// ProviderClient: how the outbox talks to Telegram and WhatsApp, behind an interface. The real
// one speaks HTTPS with certificate verification; tests point it at fake servers on loopback.
#pragma once

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

class ProviderClient {
 public:
  virtual ~ProviderClient() = default;
  // POSTs `body` as JSON to base_url + path (with a bearer token when not empty).
  virtual ProviderResponse PostJson(const std::string& base_url, const std::string& path, const nlohmann::json& body,
                                    const std::string& bearer) = 0;
  // GETs base_url + path.
  virtual ProviderResponse Get(const std::string& base_url, const std::string& path, const std::string& bearer) = 0;
  // POSTs multipart/form-data: the text `fields` and one file part.
  virtual ProviderResponse PostFile(const std::string& base_url, const std::string& path,
                                    const std::map<std::string, std::string>& fields, const std::string& file_field,
                                    const std::string& filename, const std::string& mime, const std::string& bytes,
                                    const std::string& bearer) = 0;
};

class HttpProviderClient : public ProviderClient {
 public:
  HttpProviderClient();
  ~HttpProviderClient() override;
  ProviderResponse PostJson(const std::string& base_url, const std::string& path, const nlohmann::json& body,
                            const std::string& bearer) override;
  ProviderResponse Get(const std::string& base_url, const std::string& path, const std::string& bearer) override;
  ProviderResponse PostFile(const std::string& base_url, const std::string& path,
                            const std::map<std::string, std::string>& fields, const std::string& file_field,
                            const std::string& filename, const std::string& mime, const std::string& bytes,
                            const std::string& bearer) override;

 private:
  // A URL "https://host:port/prefix" as the client's origin and the path prefix.
  struct Origin {
    std::string scheme_host_port;
    std::string prefix;
  };
  static Origin Split(const std::string& base_url);
};

}  // namespace netra
