#include "e911/net.hpp"

#include <charconv>
#include <cstring>

#include "util/text_util.hpp"

namespace e911 {

bool IpAddress::bit(int i) const {
    int idx = v6 ? i : i + 96;
    return (bytes[static_cast<std::size_t>(idx / 8)] >> (7 - idx % 8)) & 1;
}

std::string IpAddress::to_string() const {
    // Into a buffer with std::to_chars, not through snprintf or temporary strings: ids, keys and
    // messages print millions of these at enterprise size.
    if (!v6) {
        char buf[16];
        char* p = buf;
        for (int i = 12; i < 16; ++i) {
            p = std::to_chars(p, p + 3, bytes[static_cast<std::size_t>(i)]).ptr;  // at most three digits
            if (i < 15) *p++ = '.';
        }
        return std::string(buf, p);
    }
    // RFC 5952: lower case, longest run (>=2) of zero groups compressed.
    std::uint16_t g[8];
    for (int i = 0; i < 8; ++i) g[i] = static_cast<std::uint16_t>(bytes[2 * i] << 8 | bytes[2 * i + 1]);
    int best = -1, best_len = 0;
    for (int i = 0; i < 8;) {
        if (g[i] != 0) { ++i; continue; }
        int j = i;
        while (j < 8 && g[j] == 0) ++j;
        if (j - i > best_len && j - i >= 2) best = i, best_len = j - i;
        i = j;
    }
    char buf[40];  // eight groups of four digits and seven colons at most
    char* p = buf;
    for (int i = 0; i < 8; ++i) {
        if (i == best) {
            *p++ = ':', *p++ = ':';
            i += best_len - 1;
            continue;
        }
        if (p != buf && p[-1] != ':') *p++ = ':';
        p = std::to_chars(p, p + 4, g[i], 16).ptr;  // at most four digits, lower case, no leading zeros (RFC 5952 4.1)
    }
    return std::string(buf, p);
}

IpAddress mask(const IpAddress& a, int length) {
    IpAddress r = a;
    int offset = a.v6 ? 0 : 96;
    for (int i = offset + length; i < 128; ++i) r.bytes[static_cast<std::size_t>(i / 8)] &= static_cast<std::uint8_t>(~(1u << (7 - i % 8)));
    return r;
}

bool IpPrefix::contains(const IpAddress& a) const { return a.v6 == network.v6 && mask(a, length) == network; }

std::string IpPrefix::to_string() const {
    std::string s = network.to_string();
    char buf[12];
    s += '/';
    s.append(buf, std::to_chars(buf, buf + sizeof buf, length).ptr);
    return s;
}

namespace {
bool fail(std::string* error, const std::string& msg) {
    if (error) *error = msg;
    return false;
}

bool parse_v4(const std::string& t, IpAddress& out, std::string* error) {
    int part = 0;
    std::size_t i = 0;
    while (part < 4) {
        std::size_t start = i;
        unsigned v = 0;
        while (i < t.size() && t[i] >= '0' && t[i] <= '9' && i - start < 4) v = v * 10 + static_cast<unsigned>(t[i++] - '0');
        std::size_t len = i - start;
        if (len == 0) return fail(error, "`" + t + "` is not an IPv4 address (expected four numbers 0-255 separated by dots)");
        if (len > 1 && t[start] == '0')
            return fail(error, "`" + t + "` has a leading zero in `" + t.substr(start, len) +
                                   "`: some systems read that as octal; write it without the zero");
        if (v > 255 || len > 3) return fail(error, "`" + t + "`: each part of an IPv4 address must be 0-255");
        out.bytes[static_cast<std::size_t>(12 + part)] = static_cast<std::uint8_t>(v);
        ++part;
        if (part < 4) {
            if (i >= t.size() || t[i] != '.') return fail(error, "`" + t + "` is not an IPv4 address (expected four numbers 0-255 separated by dots)");
            ++i;
        }
    }
    if (i != t.size()) return fail(error, "`" + t + "` has extra characters after the IPv4 address");
    out.v6 = false;
    return true;
}

bool parse_v6(const std::string& t, IpAddress& out, std::string* error) {
    std::uint16_t groups[8] = {};
    int n = 0, gap = -1;
    std::size_t i = 0;
    const std::string bad = "`" + t + "` is not a valid IPv6 address";
    if (t.compare(0, 2, "::") == 0) { gap = 0; i = 2; }
    else if (!t.empty() && t[0] == ':') return fail(error, bad);
    while (i < t.size()) {
        std::size_t start = i;
        unsigned v = 0;
        while (i < t.size() && std::isxdigit(static_cast<unsigned char>(t[i])) && i - start < 5) {
            char c = detail::lower_ascii(t[i++]);
            v = v * 16 + static_cast<unsigned>(c <= '9' ? c - '0' : c - 'a' + 10);
        }
        if (i < t.size() && t[i] == '.') {  // embedded IPv4 tail
            IpAddress v4;
            if (!parse_v4(t.substr(start), v4, nullptr) || n > 6) return fail(error, bad);
            groups[n++] = static_cast<std::uint16_t>(v4.bytes[12] << 8 | v4.bytes[13]);
            groups[n++] = static_cast<std::uint16_t>(v4.bytes[14] << 8 | v4.bytes[15]);
            i = t.size();
            break;
        }
        if (i - start == 0 || i - start > 4 || n >= 8) return fail(error, bad);
        groups[n++] = static_cast<std::uint16_t>(v);
        if (i == t.size()) break;
        if (t[i] != ':') return fail(error, bad);
        ++i;
        if (i < t.size() && t[i] == ':') {
            if (gap >= 0) return fail(error, bad + " (`::` may appear only once)");
            gap = n;
            ++i;
        } else if (i == t.size()) {
            return fail(error, bad);
        }
    }
    if (gap < 0 && n != 8) return fail(error, bad + " (expected eight groups or `::`)");
    if (gap >= 0 && n > 7) return fail(error, bad);
    std::uint16_t full[8] = {};
    if (gap < 0) {
        std::memcpy(full, groups, sizeof full);
    } else {
        for (int k = 0; k < gap; ++k) full[k] = groups[k];
        int tail = n - gap;
        for (int k = 0; k < tail; ++k) full[8 - tail + k] = groups[gap + k];
    }
    for (int k = 0; k < 8; ++k) {
        out.bytes[static_cast<std::size_t>(2 * k)] = static_cast<std::uint8_t>(full[k] >> 8);
        out.bytes[static_cast<std::size_t>(2 * k + 1)] = static_cast<std::uint8_t>(full[k] & 0xFF);
    }
    out.v6 = true;
    return true;
}
}  // namespace

std::optional<IpAddress> parse_ip(const std::string& text, std::string* error) {
    IpAddress a;
    if (text.find(':') != std::string::npos) {
        if (!parse_v6(text, a, error)) return std::nullopt;
    } else if (!parse_v4(text, a, error)) {
        return std::nullopt;
    }
    return a;
}

std::optional<IpPrefix> parse_prefix(const std::string& text, PrefixHostBits host_bits, std::string* error) {
    auto slash = text.find('/');
    std::string addr = text.substr(0, slash);
    auto a = parse_ip(addr, error);
    if (!a) return std::nullopt;
    IpPrefix p;
    p.network = *a;
    p.length = static_cast<std::uint8_t>(a->bits());
    if (slash != std::string::npos) {
        std::string len = text.substr(slash + 1);
        if (len.empty() || len.size() > 3 || len.find_first_not_of("0123456789") != std::string::npos ||
            (len.size() > 1 && len[0] == '0') || std::stoi(len) > a->bits()) {
            if (error) *error = "`" + text + "`: the prefix length must be 0-" + std::to_string(a->bits()) + " for " +
                                (a->v6 ? "IPv6" : "IPv4");
            return std::nullopt;
        }
        p.length = static_cast<std::uint8_t>(std::stoi(len));
    }
    IpAddress net = mask(*a, p.length);
    if (net != *a) {
        if (host_bits == PrefixHostBits::reject) {
            if (error) *error = "`" + text + "` has host bits set; the network ID is " + net.to_string() + "/" + std::to_string(p.length);
            return std::nullopt;
        }
        p.network = net;
    }
    return p;
}

std::string MacAddress::to_string() const {
    std::string s;
    static const char* hex = "0123456789ABCDEF";
    for (int i = 0; i < 12; ++i) {
        if (i > 0 && i % 2 == 0) s += '-';
        if (i >= 12 - wildcard_digits) {
            s += '*';
            // one '*' stands for the whole wildcard tail
            break;
        }
        s += hex[(value >> (4 * (11 - i))) & 0xF];
    }
    return s;
}

bool MacAddress::covers(const MacAddress& exact) const {
    if (wildcard_digits == 0) return value == exact.value;
    int shift = 4 * wildcard_digits;
    return (value >> shift) == (exact.value >> shift);
}

std::optional<MacAddress> parse_mac(const std::string& text, bool allow_wildcard, std::string* error) {
    // The value is read as the digits come (every batch row's BSSID passes here); more than twelve
    // digits is an error below, so the bits shifted out never matter.
    std::uint64_t value = 0;
    std::size_t digits = 0;
    bool wildcard = false;
    std::size_t digits_before_star = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c == '-' || c == ':' || c == '.') continue;
        if (c == '*') {
            if (wildcard || i + 1 != text.size()) {
                if (error) *error = "`" + text + "`: a wildcard `*` may only end the address";
                return std::nullopt;
            }
            wildcard = true;
            digits_before_star = digits;
            continue;
        }
        const int nibble = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
        if (nibble < 0) {
            if (error) *error = "`" + text + "` is not a MAC address (expected six hex pairs like F0-6E-0B-C2-04-1A)";
            return std::nullopt;
        }
        value = value << 4 | static_cast<std::uint64_t>(nibble);
        ++digits;
    }
    MacAddress m;
    if (wildcard) {
        if (!allow_wildcard) {
            if (error) *error = "`" + text + "`: a wildcard is only allowed on wireless access point BSSIDs";
            return std::nullopt;
        }
        if (digits_before_star < 10 || digits_before_star > 11) {
            if (error) *error = "`" + text + "`: a wildcard may cover only the last one or two hex digits (e.g. F0-6E-0B-C2-04-*)";
            return std::nullopt;
        }
        m.wildcard_digits = static_cast<std::uint8_t>(12 - digits_before_star);
        value <<= 4 * m.wildcard_digits;
        digits = 12;
    }
    if (digits != 12) {
        if (error) *error = "`" + text + "` is not a MAC address (expected six hex pairs like F0-6E-0B-C2-04-1A)";
        return std::nullopt;
    }
    m.value = value;
    return m;
}

}  // namespace e911
