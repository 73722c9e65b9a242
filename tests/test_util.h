// Helpers shared by the tests: a temporary folder that removes itself.
#pragma once

#include "build_paths.h"
#include <openssl/evp.h>

#include <cstdio>
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

inline std::string Base64(const std::string& bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
  int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(bytes.data()), static_cast<int>(bytes.size()));
  out.resize(static_cast<size_t>(n));
  return out;
}

// A WhatsApp message id shaped like the real ones: "wamid." and the base64 of a structure that
// starts with the sender's phone number (red team C2), then a per-message part.
inline std::string RealisticWamid(const std::string& phone, int n) {
  char tail[32];
  std::snprintf(tail, sizeof tail, "%020X", static_cast<unsigned>(n) * 2654435761u);
  std::string inner = std::string("\x1c\x18") + static_cast<char>(phone.size()) + phone + "\x15\x02\x00\x12\x18\x14" + tail;
  return "wamid." + Base64(inner);
}

// The ways `id` can hide in stored bytes: itself, and in base64 at each of the three alignments
// (the stable middle of each encoding).
inline std::vector<std::string> EncodedForms(const std::string& id) {
  std::vector<std::string> forms = {id};
  for (int pad = 0; pad < 3; ++pad) {
    std::string b = Base64(std::string(static_cast<size_t>(pad), '\x1c') + id + "\x15\x02");
    size_t skip = pad == 0 ? 0 : 4;  // the first group mixes in the padding bytes
    if (b.size() > skip + 8) forms.push_back(b.substr(skip, ((id.size() - (3 - pad) % 3) / 3) * 4));
  }
  return forms;
}

}  // namespace netra::testing
