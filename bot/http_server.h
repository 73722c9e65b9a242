// HttpServer: Netra's HTTP front door on cpp-httplib, with request metrics, JSON access logs
// (route and status only: never query strings, bodies or headers), a body limit and a graceful stop.
#pragma once

#include <httplib.h>

#include <functional>
#include <memory>
#include <set>
#include <string>

#include "bot/logger.h"
#include "bot/metrics.h"
#include "bot/status.h"

namespace netra {

struct HttpServerOptions {
  std::string host = "127.0.0.1";
  int port = 8080;                 // 0: any free port
  size_t max_body_bytes = 1 << 20;
  // Each keep-alive connection holds a worker while it is open: Telegram alone may open up to 40.
  int worker_threads = 64;
  std::string tls_cert;            // both set: serve HTTPS directly
  std::string tls_key;
};

class HttpServer {
 public:
  using Handler = std::function<void(const httplib::Request&, httplib::Response&)>;

  HttpServer(HttpServerOptions options, Metrics* metrics, Logger* logger);
  ~HttpServer();

  void Get(const std::string& route, Handler handler);
  void Post(const std::string& route, Handler handler);

  // Binds the listening socket. Returns OK on success; IoError when the address is taken or
  // invalid, or when the TLS certificate cannot be loaded.
  Status Bind();
  // The bound port (after Bind).
  int port() const { return port_; }
  // Serves until Stop(); in-flight requests finish before it returns.
  void Run();
  // Stops accepting; safe from any thread and more than once.
  void Stop();

 private:
  std::string RouteLabel(const httplib::Request& req) const;
  void Record(const httplib::Request& req, const httplib::Response& res);

  HttpServerOptions options_;
  Metrics* metrics_;
  Logger* logger_;
  std::unique_ptr<httplib::Server> server_;
  std::set<std::string> routes_;
  int port_ = 0;
};

}  // namespace netra
