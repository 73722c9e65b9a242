#include "knowledge/json_folder.h"

#include <algorithm>
#include <filesystem>
#include <fstream>

namespace netra {

Status ReadJsonFolder(const std::string& dir, std::vector<JsonFile>* files) {
  namespace fs = std::filesystem;
  std::vector<std::string> paths;
  std::error_code ec;
  for (const auto& f : fs::directory_iterator(dir, ec)) {
    if (f.path().extension() == ".json") paths.push_back(f.path().string());
  }
  if (ec) return Status::IoError("cannot list " + dir + ": " + ec.message());
  std::sort(paths.begin(), paths.end());
  files->clear();
  for (const auto& path : paths) {
    std::ifstream in(path);
    if (!in) return Status::IoError("cannot read " + path);
    JsonFile file{path, {}};
    try {
      file.doc = nlohmann::json::parse(in);
    } catch (const nlohmann::json::exception& e) {
      return Status::InvalidArgument(path + ": malformed JSON: " + e.what());
    }
    files->push_back(std::move(file));
  }
  return Status::Ok();
}

}  // namespace netra
