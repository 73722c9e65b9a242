// KnowledgeBase: the regulation FAQ loaded from knowledge/ (entries, topics, lexicon) together with
// its normaliser and retrieval index. Immutable once built; reloading builds a new one.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "base/status.h"
#include "knowledge/entry.h"
#include "knowledge/law_library.h"
#include "knowledge/lexicon.h"
#include "knowledge/normalizer.h"
#include "knowledge/retriever.h"

namespace netra {

// A row of knowledge/topics.tsv (a copy of shared/spec/kb-topics.tsv).
struct Topic {
  std::string id;
  std::string verdict;
  std::string question;
  std::string must_rest_on;
};

class KnowledgeBase {
 public:
  // Loads `dir`/entries/*.json, `dir`/topics.tsv, `dir`/lexicon/ and `dir`/law/*.json (the quoted
  // articles; a missing folder gives an empty library), and builds the index.
  // Returns OK and sets *kb on success; IoError when a file cannot be read; InvalidArgument
  // naming the file (and entry) when JSON or a field is malformed.
  static Status Load(const std::string& dir, std::shared_ptr<const KnowledgeBase>* kb);

  // Builds from entries already in memory (benchmarks, tests).
  static std::shared_ptr<const KnowledgeBase> Build(std::vector<Entry> entries, std::vector<Topic> topics,
                                                    Lexicon lexicon, RetrieverOptions options = {},
                                                    LawLibrary law = {}, NormalizerOptions normalizer = {});

  const std::vector<Entry>& entries() const { return entries_; }
  const std::vector<Topic>& topics() const { return topics_; }
  // nullptr when absent.
  const Entry* FindEntry(const std::string& id) const;
  const Topic* FindTopic(const std::string& id) const;
  // The wording of the cited articles (knowledge/law/).
  const LawLibrary& law() const { return law_; }
  const Normalizer& normalizer() const { return *normalizer_; }
  const Retriever& retriever() const { return *retriever_; }

 private:
  KnowledgeBase() = default;
  std::vector<Entry> entries_;
  std::vector<Topic> topics_;
  std::map<std::string, size_t> by_id_;
  LawLibrary law_;
  std::unique_ptr<Normalizer> normalizer_;
  std::unique_ptr<Retriever> retriever_;
};

// Reads a topics file. Returns OK on success; IoError or InvalidArgument naming the line.
Status LoadTopics(const std::string& path, std::vector<Topic>* topics);

}  // namespace netra
