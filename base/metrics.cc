#include "base/metrics.h"

#include <charconv>
#include <cmath>
#include <sstream>

namespace netra {
namespace {

// Length of the valid UTF-8 sequence starting at s[i], or 0 when it is not valid.
size_t Utf8Length(const std::string& s, size_t i) {
  auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char b = byte(i);
  size_t n = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xe ? 3 : (b >> 3) == 0x1e ? 4 : 0;
  if (n == 0 || i + n > s.size() || (n == 2 && b < 0xc2)) return 0;
  for (size_t k = 1; k < n; ++k) {
    if ((byte(i + k) & 0xc0) != 0x80) return 0;
  }
  if (n == 3 && ((b == 0xe0 && byte(i + 1) < 0xa0) || (b == 0xed && byte(i + 1) >= 0xa0))) return 0;
  if (n == 4 && ((b == 0xf0 && byte(i + 1) < 0x90) || b > 0xf4 || (b == 0xf4 && byte(i + 1) >= 0x90))) return 0;
  return n;
}

// Escapes a label value for the text format. Callers pass values from fixed sets; as a second
// line of defence, control characters and invalid UTF-8 become '?', so the page stays valid.
std::string EscapeLabel(const std::string& v) {
  std::string out;
  for (size_t i = 0; i < v.size();) {
    char c = v[i];
    size_t n = Utf8Length(v, i);
    if (n == 0) {
      out.push_back('?');
      ++i;
      continue;
    }
    if (n > 1) {
      out.append(v, i, n);
      i += n;
      continue;
    }
    ++i;
    if (c == '\\' || c == '"') {
      out.push_back('\\');
      out.push_back(c);
    } else if (c == '\n') {
      out += "\\n";
    } else if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
      out.push_back('?');
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::string FormatNumber(double v) {
  if (std::isinf(v)) return v > 0 ? "+Inf" : "-Inf";
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);  // shortest form that reads back exactly
  return ec == std::errc() ? std::string(buf, end) : "NaN";
}

// Inserts `extra` into a rendered label set "{a="b"}" or "".
std::string WithLabel(const std::string& rendered, const std::string& extra) {
  if (rendered.empty()) return "{" + extra + "}";
  return rendered.substr(0, rendered.size() - 1) + "," + extra + "}";
}

}  // namespace

std::string Metrics::RenderLabels(const Labels& labels) {
  if (labels.empty()) return "";
  std::string out = "{";
  for (size_t i = 0; i < labels.size(); ++i) {
    if (i) out += ",";
    out += labels[i].first + "=\"" + EscapeLabel(labels[i].second) + "\"";
  }
  return out + "}";
}

void Metrics::Describe(const std::string& name, const std::string& type, const std::string& help,
                       std::vector<double> buckets) {
  std::lock_guard<std::mutex> lock(mu_);
  Family& f = families_[name];
  f.type = type;
  f.help = help;
  f.buckets = std::move(buckets);
}

Metrics::Family& Metrics::FamilyFor(const std::string& name) {
  Family& f = families_[name];
  if (f.type.empty()) f.type = "untyped";
  return f;
}

void Metrics::Increment(const std::string& name, const Labels& labels, double by) {
  std::lock_guard<std::mutex> lock(mu_);
  FamilyFor(name).series[RenderLabels(labels)].value += by;
}

void Metrics::Set(const std::string& name, const Labels& labels, double value) {
  std::lock_guard<std::mutex> lock(mu_);
  FamilyFor(name).series[RenderLabels(labels)].value = value;
}

void Metrics::Observe(const std::string& name, const Labels& labels, double value) {
  std::lock_guard<std::mutex> lock(mu_);
  Family& f = FamilyFor(name);
  Series& s = f.series[RenderLabels(labels)];
  if (s.bucket_counts.size() != f.buckets.size()) s.bucket_counts.assign(f.buckets.size(), 0);
  for (size_t i = 0; i < f.buckets.size(); ++i) {
    if (value <= f.buckets[i]) s.bucket_counts[i] += 1;
  }
  s.sum += value;
  s.count += 1;
}

double Metrics::Value(const std::string& name, const Labels& labels) {
  std::lock_guard<std::mutex> lock(mu_);
  auto f = families_.find(name);
  if (f == families_.end()) return 0;
  auto s = f->second.series.find(RenderLabels(labels));
  return s == f->second.series.end() ? 0 : s->second.value;
}

std::string Metrics::RenderPrometheus() {
  std::lock_guard<std::mutex> lock(mu_);
  std::ostringstream out;
  for (const auto& [name, f] : families_) {
    if (!f.help.empty()) out << "# HELP " << name << " " << f.help << "\n";
    out << "# TYPE " << name << " " << f.type << "\n";
    for (const auto& [labels, s] : f.series) {
      if (f.type == "histogram") {
        for (size_t i = 0; i < f.buckets.size(); ++i) {
          out << name << "_bucket" << WithLabel(labels, "le=\"" + FormatNumber(f.buckets[i]) + "\"") << " "
              << FormatNumber(i < s.bucket_counts.size() ? s.bucket_counts[i] : 0) << "\n";
        }
        out << name << "_bucket" << WithLabel(labels, "le=\"+Inf\"") << " " << FormatNumber(s.count) << "\n";
        out << name << "_sum" << labels << " " << FormatNumber(s.sum) << "\n";
        out << name << "_count" << labels << " " << FormatNumber(s.count) << "\n";
      } else {
        out << name << labels << " " << FormatNumber(s.value) << "\n";
      }
    }
  }
  return out.str();
}

}  // namespace netra
