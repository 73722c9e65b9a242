#include "bot/terminal_chat.h"

#include <iostream>

#include "base/text.h"
#include "base/template.h"

namespace netra {

std::string RenderForTerminal(const Reply& reply) {
  std::string out = reply.text;
  for (size_t i = 0; i < reply.buttons.size(); ++i) {
    out += "\n  " + std::to_string(i + 1) + ") " + reply.buttons[i].label;
  }
  return out;
}

Status RunTerminalChat(DialogEngine& engine, std::istream& in, std::ostream& out, const TerminalChatOptions& options) {
  auto text = [&](const std::string& key, const std::map<std::string, std::string>& vars = {}) -> std::string {
    if (options.texts == nullptr) return key;
    auto it = options.texts->find(key);
    return it == options.texts->end() ? key : FillTemplate(it->second, vars);
  };
  std::vector<Button> last_buttons;
  auto send = [&](InboundMessage m) -> Status {
    m.channel = "terminal";
    m.user_key = options.user_key;
    m.reviewer = options.reviewer;
    if (options.reviewer) m.staff_id = {"terminal", "operator"};
    std::vector<Reply> replies;
    Status s = engine.Handle(m, &replies);
    if (!s.ok()) return s;
    for (const auto& r : replies) {
      if (!r.to.channel.empty()) {
        // For someone else; their address stays out of the terminal too.
        out << "netra " << text("terminal_to_someone_else") << "> " << Utf8PrefixWithEllipsis(r.text.substr(0, r.text.find('\n')), 80)
            << "\n\n";
        continue;
      }
      out << "netra> " << RenderForTerminal(r) << "\n";
      for (const auto& m : r.media) out << "  " << text("terminal_evidence", {{"kind", m.kind}, {"ref", m.ref}}) << "\n";
      out << "\n";
      if (!r.buttons.empty()) last_buttons = r.buttons;
    }
    out.flush();
    return Status::Ok();
  };
  if (options.greet) {
    InboundMessage start;
    start.text = "/start";
    Status s = send(start);
    if (!s.ok()) return s;
  }
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    out << text("terminal_you") << "> " << line << "\n";
    InboundMessage m;
    m.text = line;
    size_t n = 0;
    if (!line.empty() && line.size() <= 2 && line.find_first_not_of("0123456789") == std::string::npos) {
      n = std::stoul(line);
    }
    if (n >= 1 && n <= last_buttons.size()) {
      m.kind = MessageKind::kButton;
      m.text = last_buttons[n - 1].id;
    }
    last_buttons.clear();
    Status s = send(m);
    if (!s.ok()) return s;
  }
  return Status::Ok();
}

}  // namespace netra
