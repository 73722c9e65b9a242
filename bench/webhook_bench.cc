// webhook_bench: sustained Telegram updates per second through a running `netra serve`, with
// webhook latency, next to the same server's /healthz throughput (the HTTP layer's ceiling), and
// the server's peak memory. The server is pinned to core 0 and this load generator to core 1.
//
//   build/webhook_bench [seconds=10] [connections=32] [users=5000]
//
// Mix: about 70% questions, 20% button presses, 10% tip steps. Replies go to a fake Telegram API
// in this process; the outbox keeps what Telegram's rate limits hold back (durable in SQLite).
#include "build_paths.h"
#include <sched.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <random>
#include <regex>

#include "tests/fake_providers.h"
#include "tests/subprocess.h"
#include "tests/test_util.h"

using namespace netra;
using Clock = std::chrono::steady_clock;

namespace {

struct Result {
  size_t requests = 0, errors = 0;
  double seconds = 0;
  std::vector<double> latency_ms;
};

template <typename MakeRequest>
Result Drive(int port, int connections, double seconds, MakeRequest make) {
  std::vector<Result> parts(static_cast<size_t>(connections));
  std::atomic<bool> stop{false};
  std::vector<std::thread> threads;
  auto started = Clock::now();
  for (int c = 0; c < connections; ++c) {
    threads.emplace_back([&, c] {
      httplib::Client client("127.0.0.1", port);
      client.set_keep_alive(true);
      client.set_tcp_nodelay(true);
      std::mt19937 rng(static_cast<unsigned>(c) * 7919u + 1);
      Result& r = parts[static_cast<size_t>(c)];
      while (!stop) {
        auto t0 = Clock::now();
        bool ok = make(client, rng);
        r.latency_ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
        r.requests++;
        if (!ok) r.errors++;
      }
    });
  }
  std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
  stop = true;
  for (auto& t : threads) t.join();
  Result all;
  all.seconds = std::chrono::duration<double>(Clock::now() - started).count();
  for (auto& p : parts) {
    all.requests += p.requests;
    all.errors += p.errors;
    all.latency_ms.insert(all.latency_ms.end(), p.latency_ms.begin(), p.latency_ms.end());
  }
  std::sort(all.latency_ms.begin(), all.latency_ms.end());
  return all;
}

void Print(const char* label, const Result& r) {
  auto pct = [&](double p) { return r.latency_ms.empty() ? 0 : r.latency_ms[static_cast<size_t>(p * (r.latency_ms.size() - 1))]; };
  std::printf("%-10s %8zu requests in %.1fs = %8.0f req/s  p50 %6.2f ms  p99 %6.2f ms  max %7.1f ms  errors %zu\n", label,
              r.requests, r.seconds, r.requests / r.seconds, pct(0.5), pct(0.99), r.latency_ms.empty() ? 0 : r.latency_ms.back(), r.errors);
}

long ProcKb(int pid, const char* field) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(field, 0) == 0) return std::strtol(line.c_str() + std::strlen(field), nullptr, 10);
  }
  return -1;
}

}  // namespace

int main(int argc, char** argv) {
  double seconds = argc > 1 ? std::atof(argv[1]) : 10;
  int connections = argc > 2 ? std::atoi(argv[2]) : 32;
  int users = argc > 3 ? std::atoi(argv[3]) : 5000;
  cpu_set_t cpus;
  CPU_ZERO(&cpus);
  CPU_SET(1, &cpus);
  sched_setaffinity(0, sizeof cpus, &cpus);

  testing::TempDir dir;
  testing::FakeTelegram telegram;
  std::map<std::string, std::string> env = {{"NETRA_DB", dir.file("netra.db")},
                                            {"NETRA_LISTEN", "127.0.0.1:0"},
                                            {"NETRA_SECRET_KEY_FILE", dir.file("netra.key")},
                                            {"NETRA_TELEGRAM_TOKEN", "123:BENCH"},
                                            {"NETRA_TELEGRAM_SECRET", "bench-secret"},
                                            {"NETRA_TELEGRAM_API", telegram.base_url()}};
  testing::Subprocess server({"/usr/bin/taskset", "-c", "0", NETRA_BINARY, "serve"}, env, dir.file("out.txt"),
                             dir.file("err.txt"));
  if (!server.WaitForOutput("listening on", std::chrono::seconds(20))) {
    std::fprintf(stderr, "server did not start: %s\n", server.Stderr().c_str());
    return 1;
  }
  std::smatch m;
  std::string out = server.Stdout();
  std::regex_search(out, m, std::regex("127\\.0\\.0\\.1:(\\d+)"));
  int port = std::stoi(m[1]);
  int pid = server.pid();  // taskset execs netra in place

  std::vector<std::string> questions = {
      "pns boleh ikut kampanye gak?", "bolehkah asn like postingan paslon di ig?", "asn jadi timses boleh?",
      "sy guru pns boleh pasang baliho caleg di rumah?", "apa sanksi asn tidak netral?",
      "boleh foto sama cabup pose dua jari?", "kepala desa boleh dukung paslon?", "resep rendang dong",
      "asn boleh golput ga?", "pakai mobil dinas buat kampanye boleh?", "cara lapor asn tidak netral",
      "apakah identitas pelapor dirahasiakan?", "pppk harus netral juga?", "halo"};
  std::vector<std::string> buttons = {"tanya", "menu", "topics", "entry:kampanye-hadir", "entry:sanksi",
                                      "fb:up:sanksi", "status", "bantuan"};
  std::vector<std::string> tip_steps = {"/lapor", "lanjut", "medsos", "tidak tahu", "Kab. Sleman, balai desa",
                                        "kemarin", "Mengunggah dukungan paslon di Instagram pribadinya setiap hari.",
                                        "selesai"};
  std::atomic<int64_t> update_id{1};
  auto update = [&](httplib::Client& client, std::mt19937& rng) {
    std::uniform_int_distribution<int> user(1, users), kind(0, 99);
    int u = user(rng);
    int k = kind(rng);
    int64_t id = update_id++;
    nlohmann::json body;
    if (k < 70) {
      body = testing::TelegramText(id, 100000 + u, questions[static_cast<size_t>(id) % questions.size()]);
    } else if (k < 90) {
      body = testing::TelegramCallback(id, 100000 + u, buttons[static_cast<size_t>(id) % buttons.size()]);
    } else {
      body = testing::TelegramText(id, 100000 + u, tip_steps[static_cast<size_t>(id) % tip_steps.size()]);
    }
    httplib::Headers h = {{"X-Telegram-Bot-Api-Secret-Token", "bench-secret"}};
    auto r = client.Post("/webhook/telegram", h, body.dump(), "application/json");
    if (!r || r->status != 200) {
      std::fprintf(stderr, "update failed: %s\n", r ? (std::to_string(r->status) + " " + r->body).c_str()
                                                       : httplib::to_string(r.error()).c_str());
    }
    return r && r->status == 200;
  };
  auto health = [&](httplib::Client& client, std::mt19937&) {
    auto r = client.Get("/healthz");
    return r && r->status == 200;
  };

  Drive(port, connections, 1, update);  // warm up
  Result updates = Drive(port, connections, seconds, update);
  Result healthz = Drive(port, connections, std::max(3.0, seconds / 2), health);
  std::printf("connections %d, users %d\n", connections, users);
  Print("updates", updates);
  Print("/healthz", healthz);
  if (pid > 0) std::printf("server peak RSS %ld MB (VmHWM)\n", ProcKb(pid, "VmHWM:") / 1024);
  server.Signal(SIGTERM);
  server.Wait(std::chrono::seconds(10));
  return 0;
}
