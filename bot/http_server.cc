#include "bot/http_server.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <cstring>
#include <map>
#include <mutex>
#include <vector>

#include "bot/http_head.h"

namespace netra {
namespace {

using Clock = std::chrono::steady_clock;

// Set when routing starts on a worker thread; the logger callback on the same thread reads it.
thread_local Clock::time_point request_start{};

const std::vector<double> kLatencyBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                             0.05,   0.1,   0.25,   0.5,   1,    2.5};

constexpr size_t kReadChunk = 16 << 10;
constexpr size_t kMaxRequestsPerConnection = 1000;
constexpr auto kDrainTime = std::chrono::milliseconds(1000);
constexpr size_t kDrainBytes = 1 << 20;

int RemainingMs(Clock::time_point deadline) {
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
  return ms < 0 ? 0 : static_cast<int>(ms);
}

// Waits for `events` on fd until the deadline. Returns true when they came.
bool WaitFor(int fd, short events, Clock::time_point deadline) {
  for (;;) {
    pollfd p{fd, events, 0};
    int r = ::poll(&p, 1, RemainingMs(deadline));
    if (r > 0) return (p.revents & (events | POLLERR | POLLHUP)) != 0;
    if (r == 0) return false;
    if (errno != EINTR) return false;
  }
}

void AddressOf(int fd, bool peer, std::string& ip, int& port) {
  sockaddr_storage addr{};
  socklen_t len = sizeof addr;
  int r = peer ? getpeername(fd, reinterpret_cast<sockaddr*>(&addr), &len)
               : getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  if (r != 0) return;
  char host[NI_MAXHOST], serv[NI_MAXSERV];
  if (getnameinfo(reinterpret_cast<sockaddr*>(&addr), len, host, sizeof host, serv, sizeof serv,
                  NI_NUMERICHOST | NI_NUMERICSERV) == 0) {
    ip = host;
    port = std::atoi(serv);
  }
}

}  // namespace

// cpp-httplib's routing and response writing, run on a request the edge has read whole.
class HttpServer::Router : public httplib::Server {
 public:
  // Returns false when the response could not be written.
  bool Process(httplib::Stream& strm, bool close_connection, bool& connection_closed) {
    return process_request(strm, close_connection, connection_closed, nullptr);
  }
};

class HttpServer::Edge {
 public:
  Edge(const HttpServerOptions& options, Router* router, Metrics* metrics, Logger* logger,
       std::function<std::string(const std::string&)> route_label)
      : options_(options), router_(router), metrics_(metrics), logger_(logger), route_label_(std::move(route_label)) {
    limits_.max_head_bytes = options.max_head_bytes;
    limits_.max_headers = options.max_headers;
    limits_.max_body_bytes = options.max_body_bytes;
    wake_fd_ = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  }
  ~Edge() {
    for (auto& [fd, c] : conns_) CloseNow(*c);
    if (listen_fd_ >= 0) ::close(listen_fd_);
    if (wake_fd_ >= 0) ::close(wake_fd_);
    if (ctx_) SSL_CTX_free(ctx_);
  }

  Status Bind(int* port);
  void Run();
  void Stop() {
    stopping_ = true;
    Wake();
  }

 private:
  enum class State { kHandshake, kReading, kServing, kDraining };
  struct Conn {
    int fd = -1;
    SSL* ssl = nullptr;
    State state = State::kReading;
    bool want_write = false;     // TLS asked to wait for POLLOUT
    bool first_byte = false;     // of the request being read
    bool have_head = false;
    RequestHead head;
    std::string in;              // received, not yet handed to a worker
    size_t reserved = 0;         // bytes of max_buffered_bytes held for the body
    size_t drained = 0;
    size_t requests = 0;
    Clock::time_point since;     // when the current wait began: the oldest is replaced first
    Clock::time_point deadline;
  };
  using ConnPtr = std::shared_ptr<Conn>;

  // What a worker reads a request from and writes its response to. The response is held until
  // Flush, so the access log and metrics are recorded before the client sees the answer.
  class ConnStream : public httplib::Stream {
   public:
    ConnStream(Conn* conn, std::string request, Clock::time_point write_deadline)
        : conn_(conn), request_(std::move(request)), deadline_(write_deadline) {}
    bool is_readable() const override { return pos_ < request_.size(); }
    bool is_writable() const override { return Clock::now() < deadline_; }
    ssize_t read(char* ptr, size_t size) override {
      size_t n = std::min(size, request_.size() - pos_);
      std::memcpy(ptr, request_.data() + pos_, n);
      pos_ += n;
      return static_cast<ssize_t>(n);
    }
    ssize_t write(const char* ptr, size_t size) override {
      out_.append(ptr, size);
      return static_cast<ssize_t>(size);
    }
    // Returns false when the response could not be written whole before the deadline.
    bool Flush() {
      for (size_t off = 0; off < out_.size();) {
        ssize_t n = conn_->ssl ? WriteTls(out_.data() + off, out_.size() - off)
                               : WritePlain(out_.data() + off, out_.size() - off);
        if (n <= 0) return false;
        off += static_cast<size_t>(n);
      }
      return true;
    }
    void get_remote_ip_and_port(std::string& ip, int& port) const override { AddressOf(conn_->fd, true, ip, port); }
    void get_local_ip_and_port(std::string& ip, int& port) const override { AddressOf(conn_->fd, false, ip, port); }
    socket_t socket() const override { return conn_->fd; }

   private:
    ssize_t WritePlain(const char* ptr, size_t size) {
      for (;;) {
        ssize_t n = ::send(conn_->fd, ptr, size, MSG_NOSIGNAL);
        if (n >= 0) return n;
        if (errno == EINTR) continue;
        if (errno != EAGAIN && errno != EWOULDBLOCK) return -1;
        if (!WaitFor(conn_->fd, POLLOUT, deadline_)) return -1;
      }
    }
    ssize_t WriteTls(const char* ptr, size_t size) {
      if (size == 0) return 0;
      for (;;) {
        ERR_clear_error();
        int n = SSL_write(conn_->ssl, ptr, static_cast<int>(std::min<size_t>(size, INT32_MAX)));
        if (n > 0) return n;
        int err = SSL_get_error(conn_->ssl, n);
        short events = err == SSL_ERROR_WANT_WRITE ? POLLOUT : err == SSL_ERROR_WANT_READ ? POLLIN : 0;
        if (events == 0 || !WaitFor(conn_->fd, events, deadline_)) return -1;
      }
    }

    Conn* conn_;
    std::string request_;
    std::string out_;
    size_t pos_ = 0;
    Clock::time_point deadline_;
  };

  void Wake() {
    uint64_t one = 1;
    if (wake_fd_ >= 0) (void)!::write(wake_fd_, &one, sizeof one);
  }
  void Accept();
  void OnEvent(const ConnPtr& c);
  void ReadSome(const ConnPtr& c);
  void Advance(const ConnPtr& c);
  void Dispatch(const ConnPtr& c);
  void Serve(const ConnPtr& c, const std::string& request);
  void StartWaiting(Conn& c);
  // Answers `status` without reading further, then drains what the client still sends for a
  // moment, so that it sees the answer rather than a reset.
  void Refuse(const ConnPtr& c, int status, const char* reason);
  void SendBestEffort(Conn& c, const std::string& bytes);
  void Close(const ConnPtr& c);
  void CloseNow(Conn& c);
  void ReleaseBudget(Conn& c) {
    buffered_ -= c.reserved;
    c.reserved = 0;
  }

  HttpServerOptions options_;
  HeadLimits limits_;
  Router* router_;
  Metrics* metrics_;
  Logger* logger_;
  std::function<std::string(const std::string&)> route_label_;
  SSL_CTX* ctx_ = nullptr;
  int listen_fd_ = -1;
  int wake_fd_ = -1;
  std::atomic<bool> stopping_{false};

  // Owned by the Run thread.
  std::map<int, ConnPtr> conns_;
  size_t serving_ = 0;
  size_t buffered_ = 0;
  std::unique_ptr<httplib::ThreadPool> workers_;
  std::unique_ptr<httplib::ThreadPool> health_workers_;

  // Connections workers hand back: (connection, keep it open).
  std::mutex returned_mu_;
  std::vector<std::pair<ConnPtr, bool>> returned_;
};

Status HttpServer::Edge::Bind(int* port) {
  if (!options_.tls_cert.empty()) {
    ctx_ = SSL_CTX_new(TLS_server_method());
    if (!ctx_ || SSL_CTX_set_min_proto_version(ctx_, TLS1_2_VERSION) != 1 ||
        SSL_CTX_use_certificate_chain_file(ctx_, options_.tls_cert.c_str()) != 1 ||
        SSL_CTX_use_PrivateKey_file(ctx_, options_.tls_key.c_str(), SSL_FILETYPE_PEM) != 1 ||
        SSL_CTX_check_private_key(ctx_) != 1) {
      return Status::IoError("cannot load TLS certificate or key (NETRA_TLS_CERT, NETRA_TLS_KEY)");
    }
    SSL_CTX_set_mode(ctx_, SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
  }
  std::string where = options_.host + ":" + std::to_string(options_.port);
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
  addrinfo* found = nullptr;
  std::string service = std::to_string(options_.port);
  if (getaddrinfo(options_.host.c_str(), service.c_str(), &hints, &found) != 0 || !found) {
    return Status::IoError("NETRA_LISTEN: cannot resolve " + where);
  }
  std::string error = "no address";
  for (addrinfo* ai = found; ai; ai = ai->ai_next) {
    int fd = ::socket(ai->ai_family, ai->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, ai->ai_protocol);
    if (fd < 0) continue;
    int yes = 1;  // SO_REUSEADDR only: a restart may bind past TIME_WAIT, a second server may not share the port
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    if (::bind(fd, ai->ai_addr, ai->ai_addrlen) == 0 && ::listen(fd, 1024) == 0) {
      listen_fd_ = fd;
      break;
    }
    error = std::strerror(errno);
    ::close(fd);
  }
  freeaddrinfo(found);
  if (listen_fd_ < 0) return Status::IoError("NETRA_LISTEN: cannot listen on " + where + ": " + error);
  std::string ip;
  *port = options_.port;
  AddressOf(listen_fd_, false, ip, *port);
  return Status::Ok();
}

void HttpServer::Edge::Run() {
  if (listen_fd_ < 0) return;
  workers_ = std::make_unique<httplib::ThreadPool>(static_cast<size_t>(std::max(1, options_.worker_threads)));
  health_workers_ = std::make_unique<httplib::ThreadPool>(static_cast<size_t>(std::max(1, options_.health_threads)));
  std::vector<pollfd> fds;
  std::vector<ConnPtr> polled;
  for (;;) {
    std::vector<std::pair<ConnPtr, bool>> back;
    {
      std::lock_guard<std::mutex> lock(returned_mu_);
      back.swap(returned_);
    }
    for (auto& [c, keep] : back) {
      --serving_;
      ReleaseBudget(*c);
      if (!keep || stopping_) {
        Close(c);
        continue;
      }
      StartWaiting(*c);
      Advance(c);  // a pipelined request may be complete already
      if (c->ssl && c->state == State::kReading) ReadSome(c);  // TLS may hold decrypted bytes poll cannot see
    }
    if (stopping_) {
      if (listen_fd_ >= 0) {
        ::close(listen_fd_);
        listen_fd_ = -1;
      }
      std::vector<ConnPtr> idle;
      for (auto& [fd, c] : conns_) {
        if (c->state != State::kServing) idle.push_back(c);
      }
      for (auto& c : idle) Close(c);
      if (serving_ == 0) break;
    }

    fds.clear();
    polled.clear();
    fds.push_back({wake_fd_, POLLIN, 0});
    if (listen_fd_ >= 0) fds.push_back({listen_fd_, POLLIN, 0});
    Clock::time_point next = Clock::now() + std::chrono::seconds(1);
    for (auto& [fd, c] : conns_) {
      if (c->state == State::kServing) continue;
      fds.push_back({fd, static_cast<short>(c->want_write ? POLLOUT : POLLIN), 0});
      polled.push_back(c);
      next = std::min(next, c->deadline);
    }
    int r = ::poll(fds.data(), fds.size(), RemainingMs(next) + 1);
    if (r < 0 && errno != EINTR) {
      logger_->Error("http_poll_failed", {{"error", std::strerror(errno)}});
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    if (r > 0) {
      if (fds[0].revents) {
        uint64_t n;
        while (::read(wake_fd_, &n, sizeof n) > 0) {
        }
      }
      size_t first_conn = 1;
      if (listen_fd_ >= 0) {
        if (fds[1].revents) Accept();
        first_conn = 2;
      }
      for (size_t i = first_conn; i < fds.size(); ++i) {
        const ConnPtr& c = polled[i - first_conn];
        if (fds[i].revents && conns_.count(c->fd) && conns_[c->fd] == c) OnEvent(c);
      }
    }
    auto now = Clock::now();
    std::vector<ConnPtr> late;
    for (auto& [fd, c] : conns_) {
      if (c->state != State::kServing && c->deadline <= now) late.push_back(c);
    }
    for (auto& c : late) {
      if (c->state == State::kReading && c->first_byte) {
        Refuse(c, 408, "timeout");
        Close(c);  // a client this slow gets no drain time
      } else {
        Close(c);
      }
    }
  }
  workers_->shutdown();
  health_workers_->shutdown();
}

void HttpServer::Edge::Accept() {
  for (int i = 0; i < 64; ++i) {
    int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (fd < 0) {
      if (errno == EMFILE || errno == ENFILE) logger_->Error("http_accept_failed", {{"error", std::strerror(errno)}});
      return;
    }
    if (conns_.size() >= options_.max_connections) {
      ConnPtr oldest;
      for (auto& [cfd, c] : conns_) {
        if (c->state != State::kServing && (!oldest || c->since < oldest->since)) oldest = c;
      }
      metrics_->Increment("netra_http_connections_shed_total");
      if (!oldest) {
        ::close(fd);
        continue;
      }
      Close(oldest);
    }
    int yes = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &yes, sizeof yes);
    auto c = std::make_shared<Conn>();
    c->fd = fd;
    conns_[fd] = c;
    if (ctx_) {
      c->ssl = SSL_new(ctx_);
      if (!c->ssl || SSL_set_fd(c->ssl, fd) != 1) {
        Close(c);
        continue;
      }
      SSL_set_accept_state(c->ssl);
      c->state = State::kHandshake;
      c->since = Clock::now();
      c->deadline = c->since + options_.request_timeout;
    } else {
      StartWaiting(*c);
    }
  }
}

void HttpServer::Edge::StartWaiting(Conn& c) {
  c.state = State::kReading;
  c.want_write = false;
  c.first_byte = !c.in.empty();
  c.have_head = false;
  c.since = Clock::now();
  c.deadline = c.since + (c.first_byte ? options_.request_timeout : options_.idle_timeout);
}

void HttpServer::Edge::OnEvent(const ConnPtr& c) {
  if (c->state == State::kHandshake) {
    ERR_clear_error();
    int r = SSL_do_handshake(c->ssl);
    if (r == 1) {
      StartWaiting(*c);
      c->since = Clock::now();
      ReadSome(c);
      return;
    }
    int err = SSL_get_error(c->ssl, r);
    if (err == SSL_ERROR_WANT_READ || err == SSL_ERROR_WANT_WRITE) {
      c->want_write = err == SSL_ERROR_WANT_WRITE;
    } else {
      Close(c);
    }
    return;
  }
  if (c->state == State::kDraining) {
    char buf[kReadChunk];
    for (;;) {
      ssize_t n = ::recv(c->fd, buf, sizeof buf, 0);
      if (n > 0) {
        c->drained += static_cast<size_t>(n);
        if (c->drained > kDrainBytes) break;
        continue;
      }
      if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return;
      if (n < 0 && errno == EINTR) continue;
      break;
    }
    Close(c);
    return;
  }
  ReadSome(c);
}

void HttpServer::Edge::ReadSome(const ConnPtr& c) {
  char buf[kReadChunk];
  while (c->state == State::kReading && conns_.count(c->fd)) {
    ssize_t n;
    if (c->ssl) {
      ERR_clear_error();
      int r = SSL_read(c->ssl, buf, sizeof buf);
      if (r <= 0) {
        int err = SSL_get_error(c->ssl, r);
        if (err == SSL_ERROR_WANT_READ || err == SSL_ERROR_WANT_WRITE) {
          c->want_write = err == SSL_ERROR_WANT_WRITE;
          return;
        }
        Close(c);
        return;
      }
      c->want_write = false;
      n = r;
    } else {
      n = ::recv(c->fd, buf, sizeof buf, 0);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return;
      if (n <= 0) {
        Close(c);
        return;
      }
    }
    if (!c->first_byte) {
      c->first_byte = true;
      c->deadline = Clock::now() + options_.request_timeout;
    }
    c->in.append(buf, static_cast<size_t>(n));
    Advance(c);
  }
}

void HttpServer::Edge::Advance(const ConnPtr& c) {
  if (c->state != State::kReading || c->in.empty()) return;
  if (!c->have_head) {
    int status = ParseRequestHead(c->in, limits_, &c->head);
    if (status == 0) return;
    if (status != 200) {
      static const std::map<int, const char*> reasons = {
          {400, "malformed"}, {411, "chunked"},          {413, "body_too_large"}, {414, "request_line_too_long"},
          {415, "content_encoding"}, {417, "expectation"}, {431, "head_too_large"}, {501, "not_implemented"},
          {505, "version"}};
      auto it = reasons.find(status);
      Refuse(c, status, it == reasons.end() ? "malformed" : it->second);
      return;
    }
    if (buffered_ + c->head.content_length > options_.max_buffered_bytes) {
      Refuse(c, 503, "busy");
      return;
    }
    c->have_head = true;
    c->reserved = c->head.content_length;
    buffered_ += c->reserved;
    if (c->head.expect_continue && c->in.size() < c->head.head_bytes + c->head.content_length) {
      SendBestEffort(*c, "HTTP/1.1 100 Continue\r\n\r\n");
    }
  }
  if (c->in.size() < c->head.head_bytes + c->head.content_length) return;
  Dispatch(c);
}

void HttpServer::Edge::Dispatch(const ConnPtr& c) {
  const RequestHead& h = c->head;
  size_t total = h.head_bytes + h.content_length;
  std::string request;
  if (h.expect_continue) {  // answered above; httplib must not answer it again
    request = c->in.substr(0, h.expect_begin) + c->in.substr(h.expect_end, total - h.expect_end);
  } else {
    request = c->in.substr(0, total);
  }
  c->in.erase(0, total);
  c->state = State::kServing;
  ++serving_;
  bool health = h.path == "/healthz" && (h.method == "GET" || h.method == "HEAD");
  (health ? health_workers_ : workers_)->enqueue([this, c, request] { Serve(c, request); });
}

void HttpServer::Edge::Serve(const ConnPtr& c, const std::string& request) {
  bool close = stopping_ || ++c->requests >= kMaxRequestsPerConnection;
  bool closed = false;
  ConnStream strm(c.get(), request, Clock::now() + options_.write_timeout);
  bool ok = router_->Process(strm, close, closed);
  ok = strm.Flush() && ok;
  {
    std::lock_guard<std::mutex> lock(returned_mu_);
    returned_.emplace_back(c, ok && !closed && !close);
  }
  Wake();
}

void HttpServer::Edge::SendBestEffort(Conn& c, const std::string& bytes) {
  if (c.ssl) {
    ERR_clear_error();
    (void)SSL_write(c.ssl, bytes.data(), static_cast<int>(bytes.size()));
  } else {
    (void)!::send(c.fd, bytes.data(), bytes.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
  }
}

void HttpServer::Edge::Refuse(const ConnPtr& c, int status, const char* reason) {
  std::string method = c->have_head || !c->head.method.empty() ? c->head.method : "";
  std::string route = c->head.path.empty() ? "other" : route_label_(c->head.path);
  metrics_->Increment("netra_http_requests_total",
                      {{"route", route}, {"method", HttpServer::MethodLabel(method)}, {"status", std::to_string(status)}});
  metrics_->Increment("netra_http_refused_total", {{"reason", reason}});
  logger_->Info("http_refused", {{"status", status}, {"reason", reason}, {"route", route}});
  std::string body = std::string("{\"error\":\"") + reason + "\"}";
  SendBestEffort(*c, "HTTP/1.1 " + std::to_string(status) + " " + ReasonPhrase(status) +
                         "\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
                         "\r\nConnection: close\r\n\r\n" + body);
  ReleaseBudget(*c);
  if (c->ssl) {
    ERR_clear_error();
    SSL_shutdown(c->ssl);
  }
  ::shutdown(c->fd, SHUT_WR);
  c->state = State::kDraining;
  c->want_write = false;
  c->in.clear();
  c->in.shrink_to_fit();
  c->deadline = Clock::now() + kDrainTime;
}

void HttpServer::Edge::Close(const ConnPtr& c) {
  auto it = conns_.find(c->fd);
  if (it != conns_.end() && it->second == c) conns_.erase(it);
  ReleaseBudget(*c);
  CloseNow(*c);
}

void HttpServer::Edge::CloseNow(Conn& c) {
  if (c.ssl) {
    SSL_free(c.ssl);
    c.ssl = nullptr;
  }
  if (c.fd >= 0) {
    ::close(c.fd);
    c.fd = -1;
  }
}

HttpServer::HttpServer(HttpServerOptions options, Metrics* metrics, Logger* logger)
    : options_(std::move(options)), metrics_(metrics), logger_(logger), router_(std::make_unique<Router>()) {
  edge_ = std::make_unique<Edge>(options_, router_.get(), metrics_, logger_,
                                 [this](const std::string& path) { return RouteLabel(path); });
  metrics_->Describe("netra_http_requests_total", "counter", "HTTP requests by route, method and status.");
  metrics_->Describe("netra_http_request_duration_seconds", "histogram", "HTTP request latency by route.",
                     kLatencyBuckets);
  metrics_->Describe("netra_http_refused_total", "counter",
                     "HTTP requests refused before a worker saw them, by reason.");
  metrics_->Describe("netra_http_connections_shed_total", "counter",
                     "Connections closed because the connection cap was reached.");

  router_->set_payload_max_length(options_.max_body_bytes);
  router_->set_pre_routing_handler([](const httplib::Request&, httplib::Response&) {
    request_start = Clock::now();
    return httplib::Server::HandlerResponse::Unhandled;
  });
  router_->set_exception_handler([this](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
    logger_->Error("http_handler_exception");
    res.status = 500;
    res.set_content("{\"error\":\"internal error\"}", "application/json");
  });
  router_->set_error_handler([](const httplib::Request&, httplib::Response& res) {
    if (res.body.empty()) {
      std::string message = res.status == 413 ? "request body too large" : res.status == 404 ? "not found" : "error";
      res.set_content("{\"error\":\"" + message + "\"}", "application/json");
    }
  });
  router_->set_logger([this](const httplib::Request& req, const httplib::Response& res) { Record(req, res); });
}

HttpServer::~HttpServer() { Stop(); }

void HttpServer::Get(const std::string& route, Handler handler) {
  routes_.insert(route);
  router_->Get(route, std::move(handler));
}

void HttpServer::Post(const std::string& route, Handler handler) {
  routes_.insert(route);
  router_->Post(route, std::move(handler));
}

std::string HttpServer::MethodLabel(const std::string& method) {
  return method == "GET" || method == "POST" || method == "HEAD" ? method : "other";
}

std::string HttpServer::RouteLabel(const std::string& path) const { return routes_.count(path) ? path : "other"; }

void HttpServer::Record(const httplib::Request& req, const httplib::Response& res) {
  std::string route = RouteLabel(req.path);
  std::string method = MethodLabel(req.method);
  std::string status = std::to_string(res.status);
  metrics_->Increment("netra_http_requests_total", {{"route", route}, {"method", method}, {"status", status}});
  double seconds = -1;
  if (request_start != Clock::time_point{}) {
    seconds = std::chrono::duration<double>(Clock::now() - request_start).count();
    request_start = {};
    metrics_->Observe("netra_http_request_duration_seconds", {{"route", route}}, seconds);
  }
  nlohmann::json fields = {{"method", method}, {"route", route}, {"status", res.status}};
  if (seconds >= 0) fields["ms"] = std::round(seconds * 1e5) / 100;
  if (res.status >= 500) {
    logger_->Error("http_request", fields);
  } else if (route != "/metrics" && route != "/healthz") {
    logger_->Info("http_request", fields);
  }
}

Status HttpServer::Bind() { return edge_->Bind(&port_); }

void HttpServer::Run() { edge_->Run(); }

void HttpServer::Stop() {
  if (edge_) edge_->Stop();
}

}  // namespace netra
