#include "knowledge/answerer.h"

#include "base/template.h"

#include <algorithm>

#include <cmath>
#include <fstream>

namespace netra {

const char* DecisionName(Decision d) {
  switch (d) {
    case Decision::kAnswer: return "answer";
    case Decision::kChoices: return "choices";
    case Decision::kDecline: return "decline";
    case Decision::kSmallTalk: return "smalltalk";
  }
  return "decline";
}

Status AnswerMessages::Load(const std::string& path, AnswerMessages* messages) {
  std::ifstream in(path);
  if (!in) return Status::IoError("cannot read " + path);
  try {
    nlohmann::json j = nlohmann::json::parse(in);
    AnswerMessages m;
    j.at("decline").get_to(m.decline);
    m.decline_offtopic = j.value("decline_offtopic", m.decline);
    j.at("suggestions").get_to(m.suggestions);
    j.at("choices").get_to(m.choices);
    j.at("smalltalk").get_to(m.smalltalk);
    const nlohmann::json& law = j.at("law");
    law.at("none").get_to(m.law_none);
    law.at("unquoted").get_to(m.law_unquoted);
    law.at("whole").get_to(m.law_whole);
    law.at("secondary").get_to(m.law_note);
    const nlohmann::json& answer = j.at("answer");
    answer.at("verdict").get_to(m.verdict_labels);
    answer.at("legal_basis").get_to(m.legal_basis);
    answer.at("sanction").get_to(m.sanction);
    answer.at("doubt").get_to(m.doubt);
    answer.at("under_review").get_to(m.under_review);
    *messages = std::move(m);
    return Status::Ok();
  } catch (const nlohmann::json::exception& e) {
    return Status::InvalidArgument(path + ": " + e.what());
  }
}

std::string RenderAnswer(const Entry& e, const AnswerMessages& m) {
  auto label = m.verdict_labels.find(e.verdict);
  if (label == m.verdict_labels.end()) label = m.verdict_labels.find("info");
  std::string out = (label == m.verdict_labels.end() ? "" : label->second) + "\n\n" + e.short_answer + "\n\n" +
                    e.explanation;
  if (!e.legal_basis.empty()) {
    out += "\n\n" + m.legal_basis;
    for (const auto& b : e.legal_basis) {
      out += "\n• " + b.regulation;
      if (!b.article.empty()) out += ", " + b.article;
    }
  }
  if (!e.sanction.empty()) out += "\n\n" + FillTemplate(m.sanction, {{"sanction", e.sanction}});
  if (!e.doubt.empty()) {
    out += "\n\n" + FillTemplate(m.doubt, {{"doubt", e.doubt}});
  } else if (e.review) {
    out += "\n\n" + m.under_review;
  }
  return out;
}

Answerer::Answerer(std::shared_ptr<const KnowledgeBase> kb, AnswerMessages messages, AnswerOptions options)
    : kb_(std::move(kb)), messages_(std::move(messages)), options_(options) {
  for (const Entry& e : kb_->entries()) {
    std::vector<std::string> words;
    for (const auto& a : e.focus) {
      std::string joined;
      for (const auto& t : kb_->normalizer().Terms(a)) joined += (joined.empty() ? "" : " ") + t;
      if (!joined.empty()) words.push_back(joined);
    }
    focus_terms_.push_back(std::move(words));
  }
}

void Answerer::ApplyFocus(const std::vector<std::string>& terms, std::vector<Hit>* hits) const {
  std::string query = " ";
  for (const auto& t : terms) query += t + " ";
  bool changed = false;
  for (Hit& h : *hits) {
    const auto& words = focus_terms_[h.entry];
    if (words.empty()) continue;
    bool named = std::any_of(words.begin(), words.end(),
                             [&](const std::string& w) { return query.find(" " + w + " ") != std::string::npos; });
    if (!named) {
      h.score *= options_.focus_penalty;
      changed = true;
    }
  }
  if (changed) {
    std::stable_sort(hits->begin(), hits->end(), [](const Hit& a, const Hit& b) { return a.score > b.score; });
  }
}

namespace {

// How much a verdict allows: boleh 2, bersyarat 1, tidak boleh 0; info (no verdict) -1.
int Leniency(const std::string& verdict) {
  return verdict == "boleh" ? 2 : verdict == "bersyarat" ? 1 : verdict == "tidak_boleh" ? 0 : -1;
}

}  // namespace

Answer Answerer::Ask(const std::string& question) const {
  Answer a;
  const Normalizer& norm = kb_->normalizer();
  std::string smalltalk = norm.SmallTalk(question);
  if (!smalltalk.empty()) {
    a.decision = Decision::kSmallTalk;
    a.smalltalk = smalltalk;
    auto it = messages_.smalltalk.find(smalltalk);
    a.text = it != messages_.smalltalk.end() ? it->second : messages_.smalltalk.at("greeting");
    a.confidence = 1;
    return a;
  }
  std::vector<std::string> terms = norm.Terms(question);
  std::vector<Hit> hits = kb_->retriever().Search(terms, 12);
  ApplyFocus(terms, &hits);
  if (hits.size() > 8) hits.resize(8);
  // A question naming none of Netra's subjects ("cuti melahirkan", "gaji pns") is declined unless
  // an information entry explains all of it ("asn itu siapa saja?").
  bool in_scope = norm.InScope(terms);
  const auto& entries = kb_->entries();
  if (!hits.empty()) {
    const Hit& best = hits[0];
    a.entry = &entries[best.entry];
    double runner_up = hits.size() > 1 ? hits[1].score : 0;
    double margin = best.score > 0 ? (best.score - runner_up) / best.score : 0;
    // Confidence: how much of the question the entry explains, discounted when a rival is close.
    a.confidence = best.coverage * (0.75 + 0.25 * margin);
    // Out of scope, only an information entry may answer: never a verdict.
    bool confident = in_scope ? best.coverage >= options_.min_coverage ||
                                    (best.score >= options_.strong_score && best.coverage >= options_.partial_coverage)
                              : best.coverage >= options_.noscope_min_coverage && a.entry->verdict == "info";
    std::vector<const Entry*> close;
    for (const Hit& h : hits) {
      if (close.size() >= options_.max_choices) break;
      const Entry& e = entries[h.entry];
      double ratio = options_.choice_ratio;
      // Verdict safety: answering more leniently than a close rival would is the harmful mistake.
      if (Leniency(a.entry->verdict) > Leniency(e.verdict)) {
        bool forbidden = a.entry->verdict == "boleh" && e.verdict == "tidak_boleh";
        ratio = std::min(ratio, forbidden ? options_.forbidden_rival_ratio : options_.verdict_rival_ratio);
      }
      if (h.score >= ratio * best.score && (h.coverage >= options_.choice_min_coverage || &h == &best)) {
        close.push_back(&e);
      }
    }
    if (confident && close.size() <= 1) {
      a.decision = Decision::kAnswer;
    } else if (confident && close.size() > 1) {
      a.decision = Decision::kChoices;
      a.candidates = close;
    } else {
      for (const Hit& h : hits) {
        if (a.candidates.size() >= options_.max_choices) break;
        if (h.coverage >= options_.suggest_min_coverage) a.candidates.push_back(&entries[h.entry]);
      }
    }
  }
  switch (a.decision) {
    case Decision::kAnswer:
      a.text = RenderAnswer(*a.entry, messages_);
      break;
    case Decision::kChoices:
      a.text = a.prompt = messages_.choices;
      for (size_t i = 0; i < a.candidates.size(); ++i) {
        a.text += "\n" + std::to_string(i + 1) + ". " + a.candidates[i]->question;
      }
      break;
    default:
      a.text = in_scope || messages_.decline_offtopic.empty() ? messages_.decline : messages_.decline_offtopic;
      if (!a.candidates.empty()) {
        a.text += "\n\n" + messages_.suggestions;
        a.prompt = a.text;
        for (size_t i = 0; i < a.candidates.size(); ++i) {
          a.text += "\n" + std::to_string(i + 1) + ". " + a.candidates[i]->question;
        }
      }
      if (a.prompt.empty()) a.prompt = a.text;
      break;
  }
  if (a.prompt.empty()) a.prompt = a.text;
  return a;
}

Answer Answerer::AskFollowUp(const std::string& question, const Entry& previous) const {
  Answer alone = Ask(question);
  const Normalizer& norm = kb_->normalizer();
  std::vector<std::string> words = norm.Surface(question);
  constexpr size_t kMaxFollowUpWords = 8;
  bool marked = !words.empty() && norm.lexicon().followup.count(words.front());
  bool short_question = words.size() <= kMaxFollowUpWords;
  if (alone.decision == Decision::kSmallTalk || !short_question) return alone;
  if (!marked && alone.decision == Decision::kAnswer) return alone;
  Answer together = Ask(previous.question + " " + question);
  if (together.decision != Decision::kAnswer) return alone;
  if (alone.decision == Decision::kAnswer && alone.confidence >= together.confidence) return alone;
  return together;
}

nlohmann::json Answerer::Explain(const std::string& question) const {
  const Normalizer& norm = kb_->normalizer();
  std::vector<std::string> terms = norm.Terms(question);
  nlohmann::json hits = nlohmann::json::array();
  for (const Hit& h : kb_->retriever().Search(terms, 5)) {
    hits.push_back({{"entry", kb_->entries()[h.entry].id}, {"score", h.score}, {"coverage", h.coverage}});
  }
  return {{"standard", norm.Standard(question)}, {"terms", terms}, {"hits", hits}};
}

std::vector<std::string> Answerer::QuotedArticles(const Entry& entry) const {
  std::vector<std::string> out;
  auto add = [&](const std::string& text) {
    for (auto& piece : SplitQuotedText(text, kMaxQuotedMessage)) out.push_back(std::move(piece));
  };
  for (const auto& b : entry.legal_basis) {
    std::string head = "📜 " + b.regulation + (b.article.empty() ? "" : ", " + b.article);
    CitationResolution r = kb_->law().Resolve(b.regulation, b.article);
    if (r.state == CitationState::kQuoted) {
      std::string text = head + "\n\n" + r.article->text;
      if (!r.article->note.empty()) text += "\n\n(" + messages_.law_note + ": " + r.article->note + ")";
      add(text);
    } else if (r.state == CitationState::kWhole) {
      add(head + "\n\n" + messages_.law_whole);
    } else {
      add(head + "\n\n" + messages_.law_unquoted);
    }
  }
  if (out.empty()) out.push_back(messages_.law_none);
  return out;
}

nlohmann::json AnswerToJson(const Answer& a, const LawLibrary* law) {
  nlohmann::json j;
  bool offers = a.decision == Decision::kAnswer || a.decision == Decision::kChoices;
  j["topic"] = offers ? nlohmann::json(a.entry->topic) : nlohmann::json(nullptr);
  j["verdict"] = offers ? nlohmann::json(a.entry->verdict) : nlohmann::json(nullptr);
  j["entry"] = offers ? nlohmann::json(a.entry->id) : nlohmann::json(nullptr);
  j["score"] = std::round(a.confidence * 1000) / 1000;
  j["decision"] = DecisionName(a.decision);
  j["answer"] = a.text;
  nlohmann::json ids = nlohmann::json::array();
  for (const Entry* e : a.candidates) ids.push_back(e->id);
  j["choices"] = ids;
  nlohmann::json basis = nlohmann::json::array();
  if (offers) {
    for (const auto& b : a.entry->legal_basis) {
      nlohmann::json text = nullptr;
      if (law) {
        CitationResolution r = law->Resolve(b.regulation, b.article);
        if (r.state == CitationState::kQuoted) text = r.article->text;
      }
      basis.push_back({{"regulation", b.regulation}, {"article", b.article}, {"text", text}});
    }
  }
  j["legal_basis"] = basis;
  return j;
}

}  // namespace netra
