// Regression tests for hostile call logs and callers: a bad row is one error row and the batch
// goes on; every row bounded; Windows encodings read; dial strings checked as --dial checks them.
#include <nlohmann/json.hpp>
#include <sstream>

#include "helpers.hpp"

using namespace e911;

namespace {
// Runs a call log through simulate_batch (JSON Lines out); every output line must be JSON.
std::vector<nlohmann::json> batch(const std::string& log, BatchStats* stats = nullptr) {
    static const Config cfg = test::config(test::base_us());
    static const Simulator sim(cfg);
    std::istringstream in(log);
    std::ostringstream out;
    auto st = simulate_batch(sim, in, out, BatchOutput::json, false);
    if (stats) *stats = st;
    std::vector<nlohmann::json> rows;
    std::istringstream lines(out.str());
    for (std::string l; std::getline(lines, l);) rows.push_back(nlohmann::json::parse(l));  // throws on invalid UTF-8
    return rows;
}
bool error_has(const nlohmann::json& row, const std::string& text) {
    return row.contains("error") && row["error"].get<std::string>().find(text) != std::string::npos;
}
std::string utf16(const std::string& ascii, bool le) {
    std::string out = le ? std::string("\xFF\xFE", 2) : std::string("\xFE\xFF", 2);
    for (char c : ascii) out += le ? std::string{c, '\0'} : std::string{'\0', c};
    return out;
}
}  // namespace

TEST_CASE("robust: an invalid UTF-8 cell is one error row; the rows after it are simulated") {
    auto rows = batch("dialed,ip\n911,10.0.0.5\n9\xff" "11,10.0.0.5\n911,10.0.0.6\n");
    REQUIRE(rows.size() == 3);
    CHECK(rows[0]["site"] == "hq");
    CHECK(error_has(rows[1], "not valid UTF-8"));
    CHECK(rows[2]["site"] == "hq");
    auto j = batch("{\"dialed\": \"9\xff" "11\"}\n{\"dialed\": \"911\", \"ip\": \"10.0.0.5\"}\n");
    REQUIRE(j.size() == 2);
    CHECK(error_has(j[0], "UTF-8"));
    CHECK(j[1]["site"] == "hq");
}

TEST_CASE("robust: an unterminated CSV quote costs its own row, not the rest of the file") {
    std::string log = "dialed,ip\n911,\"10.0.0.5\n";
    for (int i = 0; i < 100; ++i) log += "911,10.0.0.6\n";
    BatchStats st;
    auto rows = batch(log, &st);
    REQUIRE(rows.size() == 101);
    CHECK(error_has(rows[0], "not closed"));
    CHECK(st.errors == 1);
    CHECK(rows[100]["site"] == "hq");
    // A quoted cell may still span lines when it closes (RFC 4180).
    auto ok = batch("dialed,user\n911,\"al\nice\"\n");
    REQUIRE(ok.size() == 1);
    CHECK(error_has(ok[0], "unknown user"));
}

TEST_CASE("robust: cells and rows are bounded in bytes") {
    auto rows = batch("dialed,ip\n911," + std::string(limits::max_field_bytes + 1, '1') + "\n911,10.0.0.5\n");
    REQUIRE(rows.size() == 2);
    CHECK(error_has(rows[0], "more than the limit"));
    CHECK(rows[1]["site"] == "hq");
    auto lines = batch("dialed,ip\n911," + std::string(limits::max_row_bytes + 10, '1') + "\n911,10.0.0.5\n");
    REQUIRE(lines.size() == 2);
    CHECK(error_has(lines[0], "longer than"));
    auto open = batch("dialed,ip\n911,\"" + std::string(limits::max_row_bytes / 2, '1') + "\n" + std::string(limits::max_row_bytes / 2, '1') +
                      "\n911,10.0.0.5\n");
    CHECK(error_has(open.front(), "not closed within"));
    CHECK(open.back()["site"] == "hq");
}

TEST_CASE("robust: call logs written by Windows tools: UTF-8 BOM, UTF-16 LE/BE with BOM, CRLF") {
    const std::string log = "dialed,ip\r\n911,10.0.0.5\r\n";
    for (const auto& bytes : {"\xEF\xBB\xBF" + log, utf16(log, true), utf16(log, false), std::string("{\"dialed\":\"911\",\"ip\":\"10.0.0.5\"}\r\n")}) {
        auto rows = batch(bytes);
        REQUIRE(rows.size() == 1);
        CHECK(rows[0]["site"] == "hq");
    }
}

TEST_CASE("robust: batch and simulate_many check dial strings as --dial does, and bound their length") {
    auto long_dial = std::string(limits::max_dial_length + 1, '1');
    auto rows = batch("dialed,ip\nabc,10.0.0.5\n911,10.0.0.5\n" + long_dial + ",10.0.0.5\n+1*#911,10.0.0.5\n");
    CHECK(error_has(rows[0], "use digits, +, * and # only"));
    CHECK(rows[1]["site"] == "hq");
    CHECK(error_has(rows[2], "more than the limit of " + std::to_string(limits::max_dial_length)));
    CHECK_FALSE(rows[3].contains("error"));
}

TEST_CASE("robust: an IPv4-mapped IPv6 caller address gets a hint, not a silent miss") {
    auto rows = batch("dialed,ip,public_ip\n911,::ffff:10.10.1.57,\n911,::FFFF:10.10.1.57/24,\n911,10.0.0.5,::ffff:8.8.8.8\n");
    CHECK(error_has(rows[0], "ip `::ffff:10.10.1.57` is an IPv4-mapped IPv6 address"));
    CHECK(error_has(rows[0], "write 10.10.1.57"));
    CHECK(error_has(rows[1], "write 10.10.1.57/24"));
    CHECK(error_has(rows[2], "public_ip `::ffff:8.8.8.8`"));
}
