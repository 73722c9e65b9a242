// Lint: the checks `netra kb lint` runs over a loaded knowledge base.
#pragma once

#include <string>
#include <vector>

#include "knowledge/knowledge_base.h"

namespace netra {

// Every problem found, one human-readable line each; empty when the base is sound.
std::vector<std::string> LintKnowledgeBase(const KnowledgeBase& kb);

}  // namespace netra
