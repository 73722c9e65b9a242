// Evidence files in the outbox: a reply's media (already stripped of metadata, on disk) become
// calls whose payload names the file; the channel reads it back when it uploads.
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>

#include "dialogs/message.h"

namespace netra {

// The payload of the call that uploads reply.media[i]: {file_path, mime, caption "Bukti i/n"}.
nlohmann::json EvidenceFilePayload(const Reply& reply, size_t i);

struct EvidenceFile {
  std::string bytes;
  std::string mime;     // application/octet-stream when the payload has none
  std::string caption;
  std::string name;     // "bukti.jpg", "bukti.png" or "bukti"
};

// Reads the file a payload of EvidenceFilePayload names. Returns true and fills *file; false when
// the file is missing or unreadable.
bool ReadEvidenceFile(const nlohmann::json& payload, EvidenceFile* file);

}  // namespace netra
