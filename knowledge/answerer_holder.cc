#include "knowledge/answerer_holder.h"

#include "knowledge/lint.h"

namespace netra {

Status LoadAnswerer(const std::string& dir, std::shared_ptr<const Answerer>* answerer) {
  std::shared_ptr<const KnowledgeBase> kb;
  Status s = KnowledgeBase::Load(dir, &kb);
  if (!s.ok()) return s;
  AnswerMessages messages;
  s = AnswerMessages::Load(dir + "/messages.json", &messages);
  if (!s.ok()) return s;
  std::vector<std::string> problems = LintKnowledgeBase(*kb, messages);
  if (!problems.empty()) {
    return Status::InvalidArgument("knowledge base in " + dir + " fails lint (" + std::to_string(problems.size()) +
                                   " problems), first: " + problems.front());
  }
  *answerer = std::make_shared<const Answerer>(std::move(kb), std::move(messages));
  return Status::Ok();
}

}  // namespace netra
