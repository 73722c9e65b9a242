// AnswererHolder: the answerer currently serving, swapped whole when the knowledge base reloads.
#pragma once

#include <memory>
#include <mutex>
#include <string>

#include "knowledge/answerer.h"

namespace netra {

class AnswererHolder {
 public:
  std::shared_ptr<const Answerer> Get() const {
    std::lock_guard<std::mutex> lock(mu_);
    return current_;
  }
  void Set(std::shared_ptr<const Answerer> a) {
    std::lock_guard<std::mutex> lock(mu_);
    current_ = std::move(a);
  }

 private:
  mutable std::mutex mu_;
  std::shared_ptr<const Answerer> current_;
};

// Loads the knowledge base in `dir` and refuses it when lint finds a problem.
// Returns OK and sets *answerer on success; the load or lint error otherwise.
Status LoadAnswerer(const std::string& dir, std::shared_ptr<const Answerer>* answerer);

}  // namespace netra
