#include "bot/http_server.h"

#include <chrono>
#include <cmath>

namespace netra {
namespace {

// Set when routing starts on a worker thread; the logger callback on the same thread reads it.
thread_local std::chrono::steady_clock::time_point request_start{};

const std::vector<double> kLatencyBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                             0.05,   0.1,   0.25,   0.5,   1,    2.5};

}  // namespace

HttpServer::HttpServer(HttpServerOptions options, Metrics* metrics, Logger* logger)
    : options_(std::move(options)), metrics_(metrics), logger_(logger) {
  if (!options_.tls_cert.empty()) {
    server_ = std::make_unique<httplib::SSLServer>(options_.tls_cert.c_str(), options_.tls_key.c_str());
  } else {
    server_ = std::make_unique<httplib::Server>();
  }
  metrics_->Describe("netra_http_requests_total", "counter", "HTTP requests by route, method and status.");
  metrics_->Describe("netra_http_request_duration_seconds", "histogram", "HTTP request latency by route.",
                     kLatencyBuckets);

  server_->set_payload_max_length(options_.max_body_bytes);
  server_->set_tcp_nodelay(true);
  server_->set_keep_alive_max_count(10000);
  server_->set_keep_alive_timeout(2);
  server_->set_read_timeout(5, 0);
  server_->set_write_timeout(5, 0);
  int threads = options_.worker_threads;
  server_->new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<size_t>(threads)); };
  server_->set_pre_routing_handler([](const httplib::Request&, httplib::Response&) {
    request_start = std::chrono::steady_clock::now();
    return httplib::Server::HandlerResponse::Unhandled;
  });
  server_->set_exception_handler([this](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
    logger_->Error("http_handler_exception");
    res.status = 500;
    res.set_content("{\"error\":\"internal error\"}", "application/json");
  });
  server_->set_error_handler([](const httplib::Request&, httplib::Response& res) {
    if (res.body.empty()) {
      std::string message = res.status == 413 ? "request body too large" : res.status == 404 ? "not found" : "error";
      res.set_content("{\"error\":\"" + message + "\"}", "application/json");
    }
  });
  server_->set_logger([this](const httplib::Request& req, const httplib::Response& res) { Record(req, res); });
}

HttpServer::~HttpServer() { Stop(); }

void HttpServer::Get(const std::string& route, Handler handler) {
  routes_.insert(route);
  server_->Get(route, std::move(handler));
}

void HttpServer::Post(const std::string& route, Handler handler) {
  routes_.insert(route);
  server_->Post(route, std::move(handler));
}

std::string HttpServer::RouteLabel(const httplib::Request& req) const {
  return routes_.count(req.path) ? req.path : "other";
}

void HttpServer::Record(const httplib::Request& req, const httplib::Response& res) {
  std::string route = RouteLabel(req);
  std::string status = std::to_string(res.status);
  metrics_->Increment("netra_http_requests_total", {{"route", route}, {"method", req.method}, {"status", status}});
  double seconds = -1;
  if (request_start != std::chrono::steady_clock::time_point{}) {
    seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - request_start).count();
    request_start = {};
    metrics_->Observe("netra_http_request_duration_seconds", {{"route", route}}, seconds);
  }
  nlohmann::json fields = {{"method", req.method}, {"route", route}, {"status", res.status}};
  if (seconds >= 0) fields["ms"] = std::round(seconds * 1e5) / 100;
  if (res.status >= 500) {
    logger_->Error("http_request", fields);
  } else if (route != "/metrics" && route != "/healthz") {
    logger_->Info("http_request", fields);
  }
}

Status HttpServer::Bind() {
  if (!server_->is_valid()) return Status::IoError("cannot load TLS certificate or key (NETRA_TLS_CERT, NETRA_TLS_KEY)");
  if (options_.port == 0) {
    port_ = server_->bind_to_any_port(options_.host);
    if (port_ < 0) return Status::IoError("cannot listen on " + options_.host);
  } else {
    if (!server_->bind_to_port(options_.host, options_.port)) {
      return Status::IoError("NETRA_LISTEN: cannot listen on " + options_.host + ":" + std::to_string(options_.port));
    }
    port_ = options_.port;
  }
  return Status::Ok();
}

void HttpServer::Run() { server_->listen_after_bind(); }

void HttpServer::Stop() {
  if (server_) server_->stop();
}

}  // namespace netra
