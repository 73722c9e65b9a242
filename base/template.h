// FillTemplate: the one place where {name} placeholders in Netra's own texts are replaced.
// The template is scanned once, left to right; values (often user text) are inserted verbatim
// and never scanned again, so a user who types "{who}" gets "{who}" back, not a loop.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace netra {

// Looks up one placeholder name (without braces). Returns the value, or nullopt to leave the
// placeholder as written.
using TemplateLookup = std::function<std::optional<std::string>(std::string_view name)>;

// Returns `tmpl` with every {name} that `lookup` knows replaced by its value. Runs in time linear
// in the template and the inserted values; never fails.
std::string FillTemplate(std::string_view tmpl, const TemplateLookup& lookup);

// The same with a fixed table of values.
std::string FillTemplate(std::string_view tmpl, const std::map<std::string, std::string>& values);

}  // namespace netra
