// ReviewerRoster: who may use the reviewer desk, and as what. Reviewers are staff: their ids are
// kept in clear, and every change to the roster is audit-logged by the store.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace netra {

// A sender's place on the roster. kNone: not a reviewer (a citizen or an ASN).
enum class Role { kNone, kReviewer, kAdmin };

// "reviewer", "admin" ("" for kNone): the names stored and shown.
const char* RoleName(Role role);
// Returns the role named `name` ("reviewer", "admin"), or kNone for any other name.
Role ParseRole(std::string_view name);

struct ReviewerRecord {
  std::string channel, user_id;
  Role role = Role::kReviewer;
};

class ReviewerRoster {
 public:
  virtual ~ReviewerRoster() = default;

  // Returns OK and sets *role (kNone when the id is no reviewer); the storage error otherwise,
  // *role then unchanged.
  virtual Status RoleOf(const std::string& channel, const std::string& user_id, Role* role) = 0;
  // Adds or re-roles a reviewer. Returns OK on success; the storage error otherwise.
  virtual Status AddReviewer(const ReviewerRecord& r, const std::string& actor, int64_t now) = 0;
  // Returns OK on success; NotFound when absent; the storage error otherwise.
  virtual Status RemoveReviewer(const std::string& channel, const std::string& user_id, const std::string& actor,
                                int64_t now) = 0;
  // Returns OK and every reviewer by channel and id; the storage error otherwise.
  virtual Status ListReviewers(std::vector<ReviewerRecord>* out) = 0;
};

}  // namespace netra
