#include "dialogs/links.h"

#include <gtest/gtest.h>

#include <chrono>

namespace netra {
namespace {

using Links = std::vector<std::string>;

struct ExtractCase {
  std::string text;
  Links expected;
};

class ExtractLinksTest : public ::testing::TestWithParam<ExtractCase> {};
TEST_P(ExtractLinksTest, Finds) { EXPECT_EQ(ExtractLinks(GetParam().text), GetParam().expected); }

INSTANTIATE_TEST_SUITE_P(
    Table, ExtractLinksTest,
    ::testing::Values(
        ExtractCase{"", {}}, ExtractCase{"tidak ada tautan", {}}, ExtractCase{"http:// kosong", {}},
        ExtractCase{"https://", {}}, ExtractCase{"https://.titik", {}}, ExtractCase{"ftp://example.org/a", {}},
        ExtractCase{"https://instagram.com/p/xyz", {"https://instagram.com/p/xyz"}},
        ExtractCase{"lihat HTTPS://Example.org/A?b=1 dan http://x.co/2.", {"HTTPS://Example.org/A?b=1", "http://x.co/2"}},
        ExtractCase{"(https://example.org/video/123), juga", {"https://example.org/video/123"}},
        ExtractCase{"https://id.wikipedia.org/wiki/Netralitas_(politik)!", {"https://id.wikipedia.org/wiki/Netralitas_(politik)"}},
        ExtractCase{"<https://a.id/x>\"https://b.id/y\"", {"https://a.id/x", "https://b.id/y"}},
        ExtractCase{"tautan:https://a.id/x\nhttps://b.id/y\thttps://c.id/z", {"https://a.id/x", "https://b.id/y", "https://c.id/z"}},
        ExtractCase{"https://a.id/x\xC2\xA0lalu", {"https://a.id/x"}},            // no-break space ends it
        ExtractCase{"https://a.id/x\xE3\x80\x80lalu", {"https://a.id/x"}},        // ideographic space
        ExtractCase{"https://a.id/x…", {"https://a.id/x"}},
        ExtractCase{"https://a.id/jalan-ke-balai-désa", {"https://a.id/jalan-ke-balai-désa"}},
        ExtractCase{"https://" + std::string(kMaxLinkBytes, 'a') + " https://ok.id", {"https://ok.id"}},  // too long
        ExtractCase{"https://" + std::string(kMaxLinkBytes - 8, 'a'), {"https://" + std::string(kMaxLinkBytes - 8, 'a')}}));

TEST(ExtractLinksTest, AtMostTenLinks) {
  std::string text;
  for (int i = 0; i < 25; ++i) text += "https://a.id/" + std::to_string(i) + " ";
  Links links = ExtractLinks(text);
  ASSERT_EQ(links.size(), kMaxLinksPerText);
  EXPECT_EQ(links.front(), "https://a.id/0");
  EXPECT_EQ(links.back(), "https://a.id/9");
}

// Red team H5: "https://" + 32,000 × "a" overflowed std::regex's stack. Now: no link, fast.
TEST(ExtractLinksTest, HugeInputsAreLinearAndBounded) {
  const std::vector<std::string> inputs = {
      "https://" + std::string(32000, 'a'),
      "https://" + std::string(100000, 'a'),
      std::string(100000, 'h'),
      [] {
        std::string s;
        while (s.size() < 100000) s += "http:/";
        return s;
      }(),
      [] {
        std::string s;
        while (s.size() < 100000) s += "https://a ";
        return s;
      }(),
      std::string(100000, ')'),
  };
  for (const auto& text : inputs) {
    auto start = std::chrono::steady_clock::now();
    Links links = ExtractLinks(text);
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
    EXPECT_LE(links.size(), kMaxLinksPerText);
    for (const auto& l : links) EXPECT_LE(l.size(), kMaxLinkBytes);
    EXPECT_LT(ms.count(), 1000) << text.substr(0, 20);
  }
  EXPECT_TRUE(ExtractLinks("https://" + std::string(32000, 'a')).empty());
}

struct StripCase {
  const char* input;
  const char* expected;
};

class StripTrackingTest : public ::testing::TestWithParam<StripCase> {};
TEST_P(StripTrackingTest, Strips) { EXPECT_EQ(StripTrackingParameters(GetParam().input), GetParam().expected); }

INSTANTIATE_TEST_SUITE_P(
    Table, StripTrackingTest,
    ::testing::Values(
        // Instagram
        StripCase{"https://www.instagram.com/p/C8xYz12AbCd/?igsh=MWd2dGx5cTN4bWQ5bg==",
                  "https://www.instagram.com/p/C8xYz12AbCd/"},
        StripCase{"https://www.instagram.com/reel/C9aBcDeFgHi/?utm_source=ig_web_copy_link&igshid=MzRlODBiNWFlZA==",
                  "https://www.instagram.com/reel/C9aBcDeFgHi/"},
        StripCase{"https://www.instagram.com/p/C8xYz12AbCd/?img_index=2&igsh=abc",
                  "https://www.instagram.com/p/C8xYz12AbCd/?img_index=2"},
        StripCase{"https://instagram.com/kartini_wul?ref=kartini_wul", "https://instagram.com/kartini_wul"},
        // TikTok
        StripCase{"https://www.tiktok.com/@camat.sukamaju/video/7312345678901234567?is_from_webapp=1&sender_device=pc&web_id=7298765432109876543",
                  "https://www.tiktok.com/@camat.sukamaju/video/7312345678901234567"},
        StripCase{"https://www.tiktok.com/@camat.sukamaju/video/7312345678901234567?_r=1&_t=8kZ3mXyQwEr&u_code=dk2l8c3f&share_item_id=7312345678901234567",
                  "https://www.tiktok.com/@camat.sukamaju/video/7312345678901234567"},
        StripCase{"https://vt.tiktok.com/ZSNe4fXyz/", "https://vt.tiktok.com/ZSNe4fXyz/"},
        // YouTube
        StripCase{"https://youtu.be/dQw4w9WgXcQ?si=Ab3dEfGh1jKlMnOp", "https://youtu.be/dQw4w9WgXcQ"},
        StripCase{"https://youtu.be/dQw4w9WgXcQ?si=Ab3dEfGh1jKlMnOp&t=42", "https://youtu.be/dQw4w9WgXcQ?t=42"},
        StripCase{"https://www.youtube.com/watch?v=dQw4w9WgXcQ&feature=share&t=1m5s&pp=ygUFcGVtaWx1",
                  "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=1m5s"},
        StripCase{"https://m.youtube.com/watch?feature=shared&v=dQw4w9WgXcQ&list=PL1234",
                  "https://m.youtube.com/watch?v=dQw4w9WgXcQ&list=PL1234"},
        StripCase{"https://www.youtube.com/shorts/AbCdEfGhIjK?feature=share", "https://www.youtube.com/shorts/AbCdEfGhIjK"},
        // Facebook
        StripCase{"https://www.facebook.com/share/p/1AbCdEfGhI/?mibextid=WC7FNe", "https://www.facebook.com/share/p/1AbCdEfGhI/"},
        StripCase{"https://m.facebook.com/story.php?story_fbid=pfbid02xYz&id=100012345678901&mibextid=Nif5oz&sfnsn=mo",
                  "https://m.facebook.com/story.php?story_fbid=pfbid02xYz&id=100012345678901"},
        StripCase{"https://www.facebook.com/photo.php?fbid=1234567890&set=a.987654&type=3&__cft__[0]=AZX&__tn__=EH-R",
                  "https://www.facebook.com/photo.php?fbid=1234567890&set=a.987654"},
        StripCase{"https://www.facebook.com/watch/?v=1234567890123456&ref=sharing", "https://www.facebook.com/watch/?v=1234567890123456"},
        StripCase{"https://fb.watch/qRsTuVwXyZ/?mibextid=v7YzmG", "https://fb.watch/qRsTuVwXyZ/"},
        // X / Twitter
        StripCase{"https://x.com/camat_sukamaju/status/1790123456789012345?s=46&t=AbCdEfGhIjKlMnOpQrStUv",
                  "https://x.com/camat_sukamaju/status/1790123456789012345"},
        StripCase{"https://twitter.com/camat_sukamaju/status/1790123456789012345?s=20", "https://twitter.com/camat_sukamaju/status/1790123456789012345"},
        StripCase{"https://mobile.twitter.com/camat_sukamaju/status/1790123456789012345?ref_src=twsrc%5Etfw",
                  "https://mobile.twitter.com/camat_sukamaju/status/1790123456789012345"},
        // Other sites: tracking removed, the page's own parameters kept, fragment kept.
        StripCase{"https://news.example.id/berita?id=77&utm_source=whatsapp&utm_medium=social&fbclid=IwAR0xyz#komentar",
                  "https://news.example.id/berita?id=77#komentar"},
        StripCase{"https://shop.example.id/cari?s=kaos+paslon&gclid=Cj0K", "https://shop.example.id/cari?s=kaos+paslon"},
        StripCase{"https://a.example.id/x?UTM_Campaign=A&&q=1&", "https://a.example.id/x?q=1"},
        StripCase{"https://kartini:rahasia@a.example.id/x", "https://a.example.id/x"},
        StripCase{"https://a.example.id:8443/x?ref=kartini_wul", "https://a.example.id:8443/x"},
        StripCase{"https://a.example.id?utm_source=x", "https://a.example.id"},
        StripCase{"https://a.example.id/#?utm_source=x", "https://a.example.id/#?utm_source=x"},
        StripCase{"https://notx.com/a?s=1", "https://notx.com/a?s=1"},
        StripCase{"https://example.org/video/123", "https://example.org/video/123"},
        StripCase{"bukan tautan?utm_source=x", "bukan tautan?utm_source=x"}));

}  // namespace
}  // namespace netra
