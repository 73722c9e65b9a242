// Metrics: counters, gauges and histograms rendered in the Prometheus text format.
//
// Label values are chosen by the caller from small fixed sets (route, status, channel, outcome):
// never a user id, a name or message text.
#pragma once

#include <map>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace netra {

using Labels = std::vector<std::pair<std::string, std::string>>;

class Metrics {
 public:
  // Registers a metric family; type is "counter", "gauge" or "histogram".
  void Describe(const std::string& name, const std::string& type, const std::string& help,
                std::vector<double> buckets = {});

  void Increment(const std::string& name, const Labels& labels = {}, double by = 1);
  void Set(const std::string& name, const Labels& labels, double value);
  void Observe(const std::string& name, const Labels& labels, double value);

  // The value of a counter or gauge series; 0 when absent. For tests.
  double Value(const std::string& name, const Labels& labels = {});

  std::string RenderPrometheus();

 private:
  struct Series {
    double value = 0;                 // counter or gauge
    std::vector<double> bucket_counts;  // histogram: cumulative at render time
    double sum = 0;
    double count = 0;
  };
  struct Family {
    std::string type;
    std::string help;
    std::vector<double> buckets;
    std::map<std::string, Series> series;  // key: rendered label set
  };
  static std::string RenderLabels(const Labels& labels);
  Family& FamilyFor(const std::string& name);

  std::mutex mu_;
  std::map<std::string, Family> families_;
};

}  // namespace netra
