#include "webhooks/channel/json_fields.h"

namespace netra {

JsonFields::JsonFields(const nlohmann::json& value, std::string* error, std::string where)
    : obj_(value.is_object() ? &value : nullptr), error_(error), where_(std::move(where)) {
  if (!value.is_object() && !value.is_null() && error_->empty()) *error_ = where_ + " is not an object";
}

const nlohmann::json* JsonFields::Get(const char* key) const {
  if (obj_ == nullptr) return nullptr;
  auto it = obj_->find(key);
  return it == obj_->end() || it->is_null() ? nullptr : &*it;
}

bool JsonFields::Has(const char* key) const { return Get(key) != nullptr; }

void JsonFields::Fail(const char* key, const char* want) {
  if (error_->empty()) *error_ = where_ + "." + key + " is not " + want;
}

std::string JsonFields::String(const char* key) {
  const nlohmann::json* v = Get(key);
  if (v == nullptr) return "";
  if (!v->is_string()) return Fail(key, "a string"), "";
  return v->get<std::string>();
}

std::string JsonFields::Id(const char* key) {
  const nlohmann::json* v = Get(key);
  if (v != nullptr && v->is_string()) return v->get<std::string>();
  return IntegerText(key);
}

std::string JsonFields::IntegerText(const char* key) {
  const nlohmann::json* v = Get(key);
  if (v == nullptr) return "";
  if (v->is_number_unsigned()) return std::to_string(v->get<uint64_t>());
  if (v->is_number_integer()) return std::to_string(v->get<int64_t>());
  return Fail(key, "an integer"), "";
}

int64_t JsonFields::Int(const char* key) {
  const nlohmann::json* v = Get(key);
  if (v == nullptr) return 0;
  if (v->is_number_unsigned()) {
    uint64_t u = v->get<uint64_t>();
    return u > static_cast<uint64_t>(INT64_MAX) ? INT64_MAX : static_cast<int64_t>(u);
  }
  if (v->is_number_integer()) return v->get<int64_t>();
  return Fail(key, "an integer"), 0;
}

double JsonFields::Number(const char* key) {
  const nlohmann::json* v = Get(key);
  if (v == nullptr) return 0;
  if (!v->is_number()) return Fail(key, "a number"), 0;
  return v->get<double>();
}

JsonFields JsonFields::Object(const char* key) {
  const nlohmann::json* v = Get(key);
  static const nlohmann::json kNull;
  std::string where = where_ + "." + key;
  if (v == nullptr) return JsonFields(kNull, error_, where);
  return JsonFields(*v, error_, where);
}

const nlohmann::json* JsonFields::Array(const char* key) {
  const nlohmann::json* v = Get(key);
  if (v == nullptr) return nullptr;
  if (!v->is_array()) return Fail(key, "an array"), nullptr;
  return v;
}

}  // namespace netra
