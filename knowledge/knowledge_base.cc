#include "knowledge/knowledge_base.h"

#include "knowledge/json_folder.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace netra {

Status LoadTopics(const std::string& path, std::vector<Topic>* topics) {
  std::ifstream in(path);
  if (!in) return Status::IoError("cannot read " + path);
  std::string line;
  int no = 0;
  topics->clear();
  while (std::getline(in, line)) {
    if (++no == 1 || line.empty()) continue;  // header
    std::vector<std::string> f;
    std::stringstream ss(line);
    std::string field;
    while (std::getline(ss, field, '\t')) f.push_back(field);
    if (f.size() < 3) return Status::InvalidArgument(path + ":" + std::to_string(no) + ": expected 4 tab-separated fields");
    topics->push_back({f[0], f[1], f[2], f.size() > 3 ? f[3] : ""});
  }
  return Status::Ok();
}

Status KnowledgeBase::Load(const std::string& dir, std::shared_ptr<const KnowledgeBase>* kb) {
  std::vector<JsonFile> files;
  Status read = ReadJsonFolder(dir + "/entries", &files);
  if (!read.ok()) return read;
  if (files.empty()) return Status::InvalidArgument(dir + "/entries holds no .json file");

  std::vector<Entry> entries;
  for (const auto& [path, doc] : files) {
    if (!doc.is_array()) return Status::InvalidArgument(path + ": expected a JSON array of entries");
    for (size_t i = 0; i < doc.size(); ++i) {
      try {
        entries.push_back(doc[i].get<Entry>());
      } catch (const nlohmann::json::exception& e) {
        std::string id = doc[i].is_object() ? doc[i].value("id", "#" + std::to_string(i)) : "#" + std::to_string(i);
        return Status::InvalidArgument(path + ": entry " + id + ": " + e.what());
      }
    }
  }
  std::vector<Topic> topics;
  Status s = LoadTopics(dir + "/topics.tsv", &topics);
  if (!s.ok()) return s;
  Lexicon lexicon;
  s = Lexicon::Load(dir + "/lexicon", &lexicon);
  if (!s.ok()) return s;
  LawLibrary law;
  s = LawLibrary::Load(dir + "/law", &law);
  if (!s.ok()) return s;
  *kb = Build(std::move(entries), std::move(topics), std::move(lexicon), RetrieverOptions{}, std::move(law));
  return Status::Ok();
}

std::shared_ptr<const KnowledgeBase> KnowledgeBase::Build(std::vector<Entry> entries, std::vector<Topic> topics,
                                                          Lexicon lexicon, RetrieverOptions options,
                                                          LawLibrary law, NormalizerOptions normalizer) {
  std::shared_ptr<KnowledgeBase> kb(new KnowledgeBase());
  kb->law_ = std::move(law);
  kb->entries_ = std::move(entries);
  kb->topics_ = std::move(topics);
  for (size_t i = 0; i < kb->entries_.size(); ++i) kb->by_id_.emplace(kb->entries_[i].id, i);
  kb->normalizer_ = std::make_unique<Normalizer>(std::move(lexicon), normalizer);
  for (const auto& e : kb->entries_) {
    kb->normalizer_->LearnVocabulary(e.question);
    for (const auto& p : e.paraphrases) kb->normalizer_->LearnVocabulary(p);
    for (const auto& k : e.keywords) kb->normalizer_->LearnVocabulary(k);
    kb->normalizer_->LearnVocabulary(e.short_answer);
    kb->normalizer_->LearnVocabulary(e.explanation);
  }
  kb->normalizer_->Freeze();
  kb->retriever_ = std::make_unique<Retriever>(kb->entries_, *kb->normalizer_, options);
  return kb;
}

const Entry* KnowledgeBase::FindEntry(const std::string& id) const {
  auto it = by_id_.find(id);
  return it == by_id_.end() ? nullptr : &entries_[it->second];
}

const Topic* KnowledgeBase::FindTopic(const std::string& id) const {
  for (const auto& t : topics_) {
    if (t.id == id) return &t;
  }
  return nullptr;
}

}  // namespace netra
