// Dates computed with the C++20 calendar (portable to MSVC, which has no timegm or gmtime_r) agree
// with the POSIX functions they replaced.
#include <ctime>

#include "helpers.hpp"
#include "util/text_util.hpp"

TEST_CASE("parse_time: ISO 8601 UTC to epoch seconds, as timegm gave") {
    CHECK(e911::parse_time("2026-11-21T10:15:30Z") == 1795256130);
    CHECK(e911::parse_time("2026-11-21T10:15Z") == 1795256100);
    CHECK(e911::parse_time("2026-02-31T00:00:00Z") == 1772496000);  // rolls over to 3 March, as timegm did
    CHECK(e911::parse_time("1969-12-31T23:59:00Z") == -60);
    CHECK(e911::parse_time("1795256130") == 1795256130);
    CHECK_FALSE(e911::parse_time("2026-11-21T10:15:30+01:00"));
    CHECK_FALSE(e911::parse_time("2026-13-01T00:00Z"));
}

TEST_CASE("today_utc: the UTC calendar date") {
    std::time_t now = std::time(nullptr);
    std::string today = e911::detail::today_utc();
    REQUIRE(e911::detail::is_date(today));
    auto back = e911::parse_time(today + "T00:00Z");
    REQUIRE(back);
    CHECK(*back <= now);
    CHECK(now - *back < 86400 + 5);  // a few seconds' grace if the day turned between the calls
}
