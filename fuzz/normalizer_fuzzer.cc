// Fuzzes the knowledge normaliser (knowledge/normalizer.h) with the real lexicon and vocabulary:
// the knowledge base of the source tree is loaded once. Every stage runs on the input; surface
// words must be non-empty lowercase ASCII letters and digits.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "build_paths.h"
#include "knowledge/knowledge_base.h"

namespace {

std::shared_ptr<const netra::KnowledgeBase> kb;

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  netra::Status s = netra::KnowledgeBase::Load(NETRA_SOURCE_DIR "/knowledge", &kb);
  if (!s.ok()) {
    std::fprintf(stderr, "normalizer_fuzzer: cannot load the knowledge base: %s\n", s.message().c_str());
    std::exit(1);
  }
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const netra::Normalizer& norm = kb->normalizer();
  std::string text(reinterpret_cast<const char*>(data), size);
  for (const std::string& w : norm.Surface(text)) {
    if (w.empty()) std::abort();
    for (char c : w) {
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) std::abort();
    }
  }
  norm.Standard(text);
  std::vector<std::string> terms = norm.Terms(text);
  norm.InScope(terms);
  norm.SmallTalk(text);
  return 0;
}
