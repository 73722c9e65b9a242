#include "webhooks/channel/provider_client.h"

#include <httplib.h>

namespace netra {

HttpProviderClient::HttpProviderClient() = default;
HttpProviderClient::~HttpProviderClient() = default;

HttpProviderClient::Origin HttpProviderClient::Split(const std::string& base_url) {
  size_t scheme_end = base_url.find("://");
  size_t path_start = scheme_end == std::string::npos ? std::string::npos : base_url.find('/', scheme_end + 3);
  if (path_start == std::string::npos) return {base_url, ""};
  return {base_url.substr(0, path_start), base_url.substr(path_start)};
}

namespace {

ProviderResponse FromResult(const httplib::Result& r) {
  ProviderResponse out;
  if (!r) {
    out.error = httplib::to_string(r.error());
    return out;
  }
  out.status = r->status;
  out.body = r->body;
  out.retry_after = r->get_header_value("Retry-After");
  return out;
}

std::unique_ptr<httplib::Client> MakeClient(const std::string& origin, const std::string& bearer,
                                            const ProviderTimeouts& timeouts = ProviderTimeouts{}) {
  auto client = std::make_unique<httplib::Client>(origin);
  client->set_connection_timeout(timeouts.connect);
  client->set_read_timeout(timeouts.read);
  client->set_write_timeout(timeouts.write);
  client->enable_server_certificate_verification(true);
  if (!bearer.empty()) client->set_bearer_token_auth(bearer);
  return client;
}

}  // namespace

ProviderResponse HttpProviderClient::PostJson(const std::string& base_url, const std::string& path,
                                              const nlohmann::json& body, const std::string& bearer,
                                              const ProviderTimeouts& timeouts) {
  Origin o = Split(base_url);
  auto client = MakeClient(o.scheme_host_port, bearer, timeouts);
  return FromResult(client->Post(o.prefix + path, body.dump(), "application/json"));
}

ProviderResponse HttpProviderClient::Get(const std::string& base_url, const std::string& path,
                                         const std::string& bearer) {
  Origin o = Split(base_url);
  auto client = MakeClient(o.scheme_host_port, bearer);
  return FromResult(client->Get(o.prefix + path));
}

}  // namespace netra

namespace netra {

ProviderResponse HttpProviderClient::PostFile(const std::string& base_url, const std::string& path,
                                              const std::map<std::string, std::string>& fields,
                                              const std::string& file_field, const std::string& filename,
                                              const std::string& mime, const std::string& bytes,
                                              const std::string& bearer, const ProviderTimeouts& timeouts) {
  Origin o = Split(base_url);
  auto client = MakeClient(o.scheme_host_port, bearer, timeouts);
  httplib::MultipartFormDataItems items;
  for (const auto& [name, value] : fields) items.push_back({name, value, "", ""});
  items.push_back({file_field, bytes, filename, mime});
  return FromResult(client->Post(o.prefix + path, items));
}

}  // namespace netra
