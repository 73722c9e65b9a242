// HttpServer: Netra's HTTP front door, with request metrics, JSON access logs (route and status
// only: never query strings, bodies or headers), limits and a graceful stop.
//
// One thread owns every connection and reads requests with poll(): a request reaches a worker
// only when it is complete, so slow clients cost a socket and a small buffer, never a worker.
// Each request must arrive whole within request_timeout; heads are limited in size and header
// count; chunked and compressed bodies are refused (411/415) and a Content-Length over the limit
// gets 413, all before any body byte is read. GET /healthz has workers of its own. Routing and
// responses are cpp-httplib's.
#pragma once

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <set>
#include <string>

#include "base/logger.h"
#include "base/metrics.h"
#include "base/status.h"

namespace netra {

struct HttpServerOptions {
  std::string host = "127.0.0.1";
  int port = 8080;                 // 0: any free port
  size_t max_body_bytes = 1 << 20;
  int worker_threads = 64;         // run handlers; only complete requests reach them
  int health_threads = 2;          // run GET /healthz, so it answers while the workers are busy
  std::string tls_cert;            // both set: serve HTTPS directly
  std::string tls_key;
  // Open connections. At the cap a new connection replaces the oldest one still sending its
  // request (or waiting idle); if every connection is being served, the new one is closed.
  size_t max_connections = 512;
  size_t max_head_bytes = 16 << 10;
  size_t max_headers = 100;
  // From a request's first byte (or a TLS connection's start) to its last byte.
  std::chrono::milliseconds request_timeout{10000};
  // How long a kept-alive connection may wait for its next request's first byte.
  std::chrono::milliseconds idle_timeout{5000};
  // To write one response.
  std::chrono::milliseconds write_timeout{10000};
  // Request bodies held in memory across all connections; over it a request gets 503.
  size_t max_buffered_bytes = 64 << 20;
};

class HttpServer {
 public:
  using Handler = std::function<void(const httplib::Request&, httplib::Response&)>;

  HttpServer(HttpServerOptions options, Metrics* metrics, Logger* logger);
  ~HttpServer();

  void Get(const std::string& route, Handler handler);
  void Post(const std::string& route, Handler handler);

  // Binds the listening socket (never shared with another process: no SO_REUSEPORT).
  // Returns OK on success; IoError when the address is taken or invalid, or when the TLS
  // certificate cannot be loaded.
  Status Bind();
  // The bound port (after Bind).
  int port() const { return port_; }
  // Serves until Stop(); requests being handled finish before it returns (a handler that never
  // returns keeps it waiting: the caller bounds the stop, see Serve in main.cc).
  void Run();
  // Stops accepting and closes idle connections; safe from any thread and more than once.
  void Stop();

  // The method as a metric label: GET, POST, HEAD or other.
  static std::string MethodLabel(const std::string& method);

 private:
  class Edge;
  class Router;

  std::string RouteLabel(const std::string& path) const;
  void Record(const httplib::Request& req, const httplib::Response& res);

  HttpServerOptions options_;
  Metrics* metrics_;
  Logger* logger_;
  std::unique_ptr<Router> router_;
  std::unique_ptr<Edge> edge_;
  std::set<std::string> routes_;
  int port_ = 0;
};

}  // namespace netra
