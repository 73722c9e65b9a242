#include "privacy/secret_key.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "privacy/crypto.h"

namespace netra {
namespace {

Status Create(const std::string& path) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0600);
  if (fd < 0) return Status::IoError("NETRA_SECRET_KEY_FILE: cannot create " + path + ": " + std::strerror(errno));
  std::string hex = ToHex(RandomBytes(32)) + "\n";
  bool written = ::write(fd, hex.data(), hex.size()) == static_cast<ssize_t>(hex.size());
  bool synced = ::fsync(fd) == 0;
  ::close(fd);
  if (!written || !synced) return Status::IoError("NETRA_SECRET_KEY_FILE: cannot write " + path);
  return Status::Ok();
}

}  // namespace

Status SecretKey::LoadOrCreate(const std::string& path, SecretKey* key) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    if (errno != ENOENT) return Status::IoError("NETRA_SECRET_KEY_FILE: cannot stat " + path);
    Status s = Create(path);
    if (!s.ok()) return s;
    if (::stat(path.c_str(), &st) != 0) return Status::IoError("NETRA_SECRET_KEY_FILE: cannot stat " + path);
  }
  if ((st.st_mode & 077) != 0) {
    return Status::InvalidArgument("NETRA_SECRET_KEY_FILE: " + path +
                                   " is readable by others; run: chmod 600 " + path);
  }
  std::ifstream in(path);
  std::stringstream buf;
  buf << in.rdbuf();
  if (!in) return Status::IoError("NETRA_SECRET_KEY_FILE: cannot read " + path);
  std::string hex = buf.str();
  while (!hex.empty() && (hex.back() == '\n' || hex.back() == '\r' || hex.back() == ' ')) hex.pop_back();
  std::string bytes;
  if (!FromHex(hex, &bytes) || bytes.size() < 32) {
    return Status::InvalidArgument("NETRA_SECRET_KEY_FILE: " + path + " must hold at least 32 bytes as hex");
  }
  key->bytes_ = std::move(bytes);
  return Status::Ok();
}

std::string SecretKey::Derive(const std::string& purpose) const {
  return HmacSha256(bytes_, "netra/" + purpose);
}

}  // namespace netra
