#include "privacy/secret_key.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include "tests/test_util.h"

namespace netra {
namespace {

TEST(SecretKeyTest, CreatedWithMode0600AndStable) {
  testing::TempDir dir;
  std::string path = dir.file("netra.key");
  SecretKey a, b;
  ASSERT_TRUE(SecretKey::LoadOrCreate(path, &a).ok());
  struct stat st {};
  ASSERT_EQ(stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  ASSERT_TRUE(SecretKey::LoadOrCreate(path, &b).ok());
  EXPECT_EQ(a.Derive("pseudonym"), b.Derive("pseudonym"));
  EXPECT_NE(a.Derive("pseudonym"), a.Derive("handle"));
  EXPECT_EQ(a.Derive("x").size(), 32u);
}

TEST(SecretKeyTest, RefusedWhenReadableByOthers) {
  testing::TempDir dir;
  std::string path = dir.file("netra.key");
  SecretKey k;
  ASSERT_TRUE(SecretKey::LoadOrCreate(path, &k).ok());
  chmod(path.c_str(), 0644);
  Status s = SecretKey::LoadOrCreate(path, &k);
  EXPECT_EQ(s.code(), Status::Code::kInvalidArgument);
  EXPECT_NE(s.message().find("NETRA_SECRET_KEY_FILE"), std::string::npos);
}

TEST(SecretKeyTest, RefusedWhenMalformed) {
  testing::TempDir dir;
  dir.Write("short.key", "abcd\n");
  chmod(dir.file("short.key").c_str(), 0600);
  SecretKey k;
  EXPECT_EQ(SecretKey::LoadOrCreate(dir.file("short.key"), &k).code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(SecretKey::LoadOrCreate(dir.file("no/such/dir/k"), &k).code(), Status::Code::kIoError);
}

}  // namespace
}  // namespace netra
