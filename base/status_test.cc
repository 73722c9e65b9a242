#include "base/status.h"

#include <gtest/gtest.h>

#include <vector>

namespace netra {
namespace {

using Predicate = bool (Status::*)() const;

struct PredicateCase {
  const char* name;
  Status status;
  Status::Code code;
  Predicate holds;  // the one predicate that must be true
};

// Each status answers true to its own predicate and false to every other one.
TEST(StatusTest, EachPredicateHoldsForItsOwnCodeOnly) {
  const std::vector<PredicateCase> cases = {
      {"ok", Status::Ok(), Status::Code::kOk, &Status::ok},
      {"invalid", Status::InvalidArgument("m"), Status::Code::kInvalidArgument, &Status::IsInvalidArgument},
      {"not found", Status::NotFound("m"), Status::Code::kNotFound, &Status::IsNotFound},
      {"io", Status::IoError("m"), Status::Code::kIoError, &Status::IsIoError},
      {"corruption", Status::Corruption("m"), Status::Code::kCorruption, &Status::IsCorruption},
      {"busy", Status::Busy("m"), Status::Code::kBusy, &Status::IsBusy},
      {"unavailable", Status::Unavailable("m"), Status::Code::kUnavailable, &Status::IsUnavailable},
      {"internal", Status::Internal("m"), Status::Code::kInternal, &Status::IsInternal},
      {"exhausted", Status::ResourceExhausted("m"), Status::Code::kResourceExhausted, &Status::IsResourceExhausted},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(c.status.code(), c.code) << c.name;
    for (const auto& other : cases) {
      EXPECT_EQ((c.status.*other.holds)(), c.holds == other.holds) << c.name << " asked " << other.name;
    }
  }
}

TEST(StatusTest, ErrorsKeepTheirMessageAndOkHasNone) {
  EXPECT_EQ(Status::ResourceExhausted("daily tips per user reached").message(), "daily tips per user reached");
  EXPECT_TRUE(Status().ok());
  EXPECT_EQ(Status::Ok().message(), "");
}

}  // namespace
}  // namespace netra
