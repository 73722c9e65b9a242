// Helpers shared by the tests: a temporary folder that removes itself.
#pragma once

#include "build_paths.h"
#include <filesystem>
#include <fstream>
#include <random>
#include <string>

namespace netra::testing {

class TempDir {
 public:
  TempDir() {
    std::random_device rd;
    path_ = std::filesystem::temp_directory_path() / ("netra-test-" + std::to_string(rd()) + std::to_string(rd()));
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  std::string path() const { return path_.string(); }
  std::string file(const std::string& name) const { return (path_ / name).string(); }
  void Write(const std::string& name, const std::string& content) const {
    std::ofstream(file(name)) << content;
  }

 private:
  std::filesystem::path path_;
};

inline std::string SourceDir() { return NETRA_SOURCE_DIR; }

}  // namespace netra::testing
