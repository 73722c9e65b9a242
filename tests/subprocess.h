// Subprocess: runs the netra binary for end-to-end tests, with its own environment, stdin and
// captured output.
#pragma once

#include "build_paths.h"
#include <signal.h>
#include <grp.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace netra::testing {

class Subprocess {
 public:
  // Starts `args` (args[0] is the program) with exactly `env`; stdout and stderr go to files.
  // With `run_as` >= 0 (and root), the program runs as that user and group id (exit 126 if it
  // cannot switch).
  Subprocess(std::vector<std::string> args, const std::map<std::string, std::string>& env,
             const std::string& out_path, const std::string& err_path, const std::string& stdin_path = "/dev/null",
             int run_as = -1)
      : out_path_(out_path), err_path_(err_path) {
    pid_ = fork();
    if (pid_ == 0) {
      if (run_as >= 0) {
        auto id = static_cast<uid_t>(run_as);
        if (setgroups(0, nullptr) != 0 || setgid(id) != 0 || setuid(id) != 0) _exit(126);
      }
      freopen(stdin_path.c_str(), "r", stdin);
      freopen(out_path.c_str(), "w", stdout);
      freopen(err_path.c_str(), "w", stderr);
      std::vector<std::string> env_strings;
      for (const auto& [k, v] : env) env_strings.push_back(k + "=" + v);
      std::vector<char*> argv, envp;
      for (auto& a : args) argv.push_back(a.data());
      argv.push_back(nullptr);
      for (auto& e : env_strings) envp.push_back(e.data());
      envp.push_back(nullptr);
      execve(argv[0], argv.data(), envp.data());
      _exit(127);
    }
  }
  ~Subprocess() {
    if (pid_ > 0 && !exited_) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
  }

  void Signal(int sig) { kill(pid_, sig); }
  pid_t pid() const { return pid_; }

  // Waits up to `timeout` for exit. Returns the exit code (128+signal when killed), or -1 on timeout.
  int Wait(std::chrono::milliseconds timeout) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
      int status = 0;
      pid_t r = waitpid(pid_, &status, WNOHANG);
      if (r == pid_) {
        exited_ = true;
        return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return -1;
  }

  std::string Stdout() const { return Read(out_path_); }
  std::string Stderr() const { return Read(err_path_); }

  // Polls stdout until it contains `needle` or the timeout passes.
  bool WaitForOutput(const std::string& needle, std::chrono::milliseconds timeout) const {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
      if (Stdout().find(needle) != std::string::npos) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return false;
  }

 private:
  static std::string Read(const std::string& path) {
    std::ifstream in(path);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }
  pid_t pid_ = -1;
  bool exited_ = false;
  std::string out_path_, err_path_;
};

// Runs the netra binary to completion; returns the exit code and fills stdout and stderr.
inline int RunNetra(const std::vector<std::string>& args, const std::map<std::string, std::string>& env,
                    const std::string& dir, std::string* out, std::string* err,
                    const std::string& stdin_path = "/dev/null") {
  std::vector<std::string> argv = {NETRA_BINARY};
  argv.insert(argv.end(), args.begin(), args.end());
  Subprocess p(argv, env, dir + "/out.txt", dir + "/err.txt", stdin_path);
  int code = p.Wait(std::chrono::seconds(60));
  if (out) *out = p.Stdout();
  if (err) *err = p.Stderr();
  return code;
}

}  // namespace netra::testing
