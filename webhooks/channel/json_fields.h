// JsonFields: typed, defensive reads of one object in a provider's JSON. Providers send what they
// document, but a webhook is reachable by anyone holding the secret and by buggy proxies, so a
// field that is present with the wrong type is an error (the update is refused with 400), never an
// exception and never a guess. Absent fields read as empty.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>

namespace netra {

class JsonFields {
 public:
  // Reads `value`, which should be an object; `error` collects the first problem of this reader
  // and of every reader made from it with Object(). `where` names the object in that message.
  JsonFields(const nlohmann::json& value, std::string* error, std::string where);

  // True when the value is an object (absent optional objects are empty, not errors).
  bool exists() const { return obj_ != nullptr; }
  bool Has(const char* key) const;

  // A string field; "" when absent. Wrong type: error.
  std::string String(const char* key);
  // An id that providers send as a number or a string; "" when absent. Other types: error.
  std::string Id(const char* key);
  // An integer field (signed or unsigned 64-bit, as text so 2^64-1 does not alias -1); "" when absent.
  std::string IntegerText(const char* key);
  int64_t Int(const char* key);
  double Number(const char* key);
  // A nested object; an empty reader when absent. Wrong type: error.
  JsonFields Object(const char* key);
  // A nested array, or nullptr when absent. Wrong type: error.
  const nlohmann::json* Array(const char* key);

 private:
  const nlohmann::json* Get(const char* key) const;
  void Fail(const char* key, const char* want);

  const nlohmann::json* obj_ = nullptr;
  std::string* error_;
  std::string where_;
};

}  // namespace netra
