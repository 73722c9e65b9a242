// ReadJsonFolder: the knowledge base's data folders (entries/, law/) hold one JSON document per
// file; this reads them all, in file-name order, so that loading is the same every time.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <utility>
#include <vector>

#include "base/status.h"

namespace netra {

struct JsonFile {
  std::string path;
  nlohmann::json doc;
};

// Reads every *.json file in `dir`, sorted by name. Returns OK and fills *files; IoError when the
// folder cannot be listed or a file cannot be read; InvalidArgument naming the file when it is
// not valid JSON.
Status ReadJsonFolder(const std::string& dir, std::vector<JsonFile>* files);

}  // namespace netra
