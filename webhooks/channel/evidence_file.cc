#include "webhooks/channel/evidence_file.h"

#include <fstream>
#include <iterator>

#include "webhooks/channel/provider_answer.h"

namespace netra {

nlohmann::json EvidenceFilePayload(const Reply& reply, size_t i) {
  const MediaRef& m = reply.media[i];
  return {{"file_path", m.ref}, {"mime", m.mime_type}, {"caption", m.caption}};
}

bool ReadEvidenceFile(const nlohmann::json& payload, EvidenceFile* file) {
  std::ifstream in(JsonStringMember(payload, "file_path"), std::ios::binary);
  file->bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  if (!in && file->bytes.empty()) return false;
  file->mime = JsonStringMember(payload, "mime");
  if (file->mime.empty()) file->mime = "application/octet-stream";
  file->caption = JsonStringMember(payload, "caption");
  file->name = "bukti" + std::string(file->mime == "image/png" ? ".png" : file->mime == "image/jpeg" ? ".jpg" : "");
  return true;
}

}  // namespace netra
