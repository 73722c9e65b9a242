// ParseIndonesianDate: the day a tipster means by "kemarin", "tadi pagi", "12/11" or
// "12 November 2024", never in the future.
#pragma once

#include <cstdint>
#include <string>

namespace netra {

// Western Indonesia Time, the zone "today" is judged in.
inline constexpr int kWibOffsetSeconds = 7 * 3600;

// Returns true and sets *iso_date ("2024-11-12") when `text` names a day that is not after
// today (at `now`, seconds since the epoch, in the zone `utc_offset_seconds`); false otherwise.
bool ParseIndonesianDate(const std::string& text, int64_t now, int utc_offset_seconds, std::string* iso_date);

}  // namespace netra
