// Lint: the checks `netra kb lint` runs over a loaded knowledge base.
#pragma once

#include <string>
#include <vector>

#include "knowledge/answerer.h"
#include "knowledge/knowledge_base.h"

namespace netra {

// Every problem found, one human-readable line each; empty when the base is sound. Answers are
// laid out with `messages` to check that each fits one message.
std::vector<std::string> LintKnowledgeBase(const KnowledgeBase& kb, const AnswerMessages& messages);

}  // namespace netra
