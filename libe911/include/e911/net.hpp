// IP addresses, prefixes and MAC addresses as binary values, with strict parsers.
#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <string>

namespace e911 {

// An IPv4 or IPv6 address. IPv4 is kept in the last four bytes, so both families share one
// 128-bit representation while `v6` keeps them distinct.
struct IpAddress {
    std::array<std::uint8_t, 16> bytes{};
    bool v6 = false;

    int bits() const { return v6 ? 128 : 32; }
    bool bit(int i) const;  // i-th bit from the most significant, within the family's width
    std::string to_string() const;
    friend bool operator==(const IpAddress& a, const IpAddress& b) { return a.v6 == b.v6 && a.bytes == b.bytes; }
    friend bool operator!=(const IpAddress& a, const IpAddress& b) { return !(a == b); }
    friend bool operator<(const IpAddress& a, const IpAddress& b) {
        return a.v6 != b.v6 ? !a.v6 : a.bytes < b.bytes;
    }
};

struct IpPrefix {
    IpAddress network;
    std::uint8_t length = 0;

    bool contains(const IpAddress& a) const;
    bool contains(const IpPrefix& p) const { return p.length >= length && contains(p.network); }
    std::string to_string() const;
    friend bool operator==(const IpPrefix& a, const IpPrefix& b) { return a.length == b.length && a.network == b.network; }
};

// The address with every bit past `length` cleared.
IpAddress mask(const IpAddress& a, int length);

// Strict parsing. On failure `error` says what is wrong in words a user can act on.
// Dotted quads with leading zeros ("010.1.1.1") are rejected: some stacks read them as octal.
std::optional<IpAddress> parse_ip(const std::string& text, std::string* error = nullptr);

enum class PrefixHostBits { reject, allow };
// "a.b.c.d/len" or "v6/len"; a bare address is a host prefix (/32, /128). With host bits set and
// `reject`, `error` names the network ID to use instead.
std::optional<IpPrefix> parse_prefix(const std::string& text, PrefixHostBits host_bits, std::string* error = nullptr);

// A 48-bit MAC / BSSID, possibly ending in a wildcard covering the last one or two hex digits.
struct MacAddress {
    std::uint64_t value = 0;      // wildcard digits are zero
    std::uint8_t wildcard_digits = 0;  // 0, 1 or 2

    std::string to_string() const;   // normalised: upper case, '-' separators, '*' for the wildcard
    bool covers(const MacAddress& exact) const;
    friend bool operator==(const MacAddress& a, const MacAddress& b) {
        return a.value == b.value && a.wildcard_digits == b.wildcard_digits;
    }
};

// Accepts '-', ':' or no separators, any case; `allow_wildcard` permits a trailing '*'.
std::optional<MacAddress> parse_mac(const std::string& text, bool allow_wildcard, std::string* error = nullptr);

}  // namespace e911
