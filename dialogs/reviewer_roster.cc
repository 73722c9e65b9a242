#include "dialogs/reviewer_roster.h"

namespace netra {

const char* RoleName(Role role) {
  switch (role) {
    case Role::kReviewer:
      return "reviewer";
    case Role::kAdmin:
      return "admin";
    case Role::kNone:
      break;
  }
  return "";
}

Role ParseRole(std::string_view name) {
  if (name == "reviewer") return Role::kReviewer;
  if (name == "admin") return Role::kAdmin;
  return Role::kNone;
}

}  // namespace netra
