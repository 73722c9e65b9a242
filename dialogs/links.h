// Links in tipsters' text: finding them without regular expressions, and removing the share and
// tracking parameters that could point back at whoever shared them.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace netra {

// At most this many links are taken from one message (the evidence step keeps 10 items).
inline constexpr size_t kMaxLinksPerText = 10;
// A candidate longer than this many bytes is not a link a tipster pasted; it is skipped whole.
inline constexpr size_t kMaxLinkBytes = 2048;

// The http:// and https:// links in `text`, in order: each runs from the scheme to the first
// space, control character, '<', '>' or '"', without trailing punctuation (".", ",", ")" …)
// that belongs to the sentence. Returns at most kMaxLinksPerText links of at most kMaxLinkBytes
// bytes each; runs in time linear in the size of `text`.
std::vector<std::string> ExtractLinks(std::string_view text);

// `url` without the query parameters that share buttons and ad networks add (utm_*, fbclid,
// igsh, si, ref, …), keeping those the page needs (YouTube's v and t, Facebook's story_fbid …),
// and without any user:password@ part. Returns `url` unchanged when it has nothing to remove or
// is no http(s) URL.
std::string StripTrackingParameters(std::string_view url);

}  // namespace netra
