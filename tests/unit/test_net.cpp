#include <arpa/inet.h>

#include <random>

#include "helpers.hpp"

using namespace e911;

TEST_CASE("IPv4 addresses parse strictly") {
    CHECK(parse_ip("10.1.2.3")->to_string() == "10.1.2.3");
    std::string err;
    CHECK_FALSE(parse_ip("010.1.1.1", &err));
    CHECK(err.find("leading zero") != std::string::npos);
    CHECK_FALSE(parse_ip("256.1.1.1"));
    CHECK_FALSE(parse_ip("1.2.3"));
    CHECK_FALSE(parse_ip("1.2.3.4.5"));
    CHECK_FALSE(parse_ip("1.2.3.x"));
    CHECK(parse_ip("0.0.0.0"));
}

TEST_CASE("IPv6 addresses parse and print per RFC 5952") {
    CHECK(parse_ip("2001:DB8:0:0:0:0:0:1")->to_string() == "2001:db8::1");
    CHECK(parse_ip("::")->to_string() == "::");
    CHECK(parse_ip("::ffff:10.1.2.3")->v6);
    CHECK_FALSE(parse_ip("1::2::3"));
    CHECK_FALSE(parse_ip("12345::"));
    CHECK_FALSE(parse_ip(":1:2"));
}

TEST_CASE("IPv6 addresses print as the C library's inet_ntop prints them", "[net]") {
    // Printed by hand (no snprintf per group): held to inet_ntop on addresses with runs of zero
    // groups in every place, of every length, ties included. The first group is never zero, so
    // inet_ntop's IPv4-compatible forms never arise.
    std::mt19937 random(911);
    for (int n = 0; n < 20000; ++n) {
        IpAddress a;
        a.v6 = true;
        for (int g = 0; g < 8; ++g) {
            unsigned value = random() % 3 == 0 ? 0 : random() % 4 == 0 ? random() % 16 : random() % 65536;
            if (g == 0 && value == 0) value = 0x2001;
            a.bytes[static_cast<std::size_t>(2 * g)] = static_cast<std::uint8_t>(value >> 8);
            a.bytes[static_cast<std::size_t>(2 * g + 1)] = static_cast<std::uint8_t>(value & 0xFF);
        }
        char want[INET6_ADDRSTRLEN];
        REQUIRE(inet_ntop(AF_INET6, a.bytes.data(), want, sizeof want));
        REQUIRE(a.to_string() == want);
        REQUIRE(parse_ip(want)->to_string() == want);
    }
    for (int length : {0, 7, 9, 10, 64, 99, 100, 127, 128})
        CHECK(IpPrefix{*parse_ip("2001:db8::"), static_cast<std::uint8_t>(length)}.to_string() == "2001:db8::/" + std::to_string(length));
    CHECK(IpPrefix{*parse_ip("10.1.0.0"), 16}.to_string() == "10.1.0.0/16");
    CHECK(IpPrefix{*parse_ip("0.0.0.0"), 0}.to_string() == "0.0.0.0/0");
}

TEST_CASE("prefixes: length range and host bits") {
    std::string err;
    CHECK(parse_prefix("10.0.0.0/8", PrefixHostBits::reject)->length == 8);
    CHECK_FALSE(parse_prefix("10.0.0.0/33", PrefixHostBits::reject, &err));
    CHECK(err.find("0-32") != std::string::npos);
    CHECK_FALSE(parse_prefix("10.0.0.1/24", PrefixHostBits::reject, &err));
    CHECK(err.find("10.0.0.0/24") != std::string::npos);  // suggests the network ID
    CHECK(parse_prefix("10.0.0.1/24", PrefixHostBits::allow)->network.to_string() == "10.0.0.0");
    CHECK(parse_prefix("2001:db8::/32", PrefixHostBits::reject)->contains(*parse_ip("2001:db8:1::1")));
    CHECK_FALSE(parse_prefix("2001:db8::/32", PrefixHostBits::reject)->contains(*parse_ip("10.0.0.1")));
    CHECK(parse_prefix("192.0.2.7", PrefixHostBits::reject)->length == 32);
}

TEST_CASE("MAC addresses: separators, case, wildcards") {
    CHECK(parse_mac("f0:6e:0b:c2:04:1a", false)->to_string() == "F0-6E-0B-C2-04-1A");
    CHECK(parse_mac("F06E0BC2041A", false)->to_string() == "F0-6E-0B-C2-04-1A");
    auto w2 = parse_mac("F0-6E-0B-C2-04-*", true);
    REQUIRE(w2);
    CHECK(w2->wildcard_digits == 2);
    CHECK(w2->to_string() == "F0-6E-0B-C2-04-*");
    auto w1 = parse_mac("F0-6E-0B-C2-04-1*", true);
    REQUIRE(w1);
    CHECK(w1->wildcard_digits == 1);
    CHECK(w1->covers(*parse_mac("F0-6E-0B-C2-04-1F", false)));
    CHECK_FALSE(w1->covers(*parse_mac("F0-6E-0B-C2-04-2F", false)));
    std::string err;
    CHECK_FALSE(parse_mac("F0-6E-0B-C2-*", true, &err));  // three digits
    CHECK_FALSE(parse_mac("F0-6E-0B-C2-*-01", true, &err));
    CHECK_FALSE(parse_mac("F0-6E-0B-C2-04-*", false, &err));
    CHECK_FALSE(parse_mac("F0-6E-0B-C2-04", false, &err));
    CHECK_FALSE(parse_mac("G0-6E-0B-C2-04-1A", false, &err));
    // The value is read digit by digit: every nibble lands in its place, thirteen digits are refused
    // (not wrapped), and a wildcard's digits read as zeros.
    CHECK(parse_mac("01:23:45:67:89:aB", false)->value == 0x0123456789ABull);
    CHECK(parse_mac("FFFF.FFFF.FFFF", false)->value == 0xFFFFFFFFFFFFull);
    CHECK_FALSE(parse_mac("F0-6E-0B-C2-04-1A-1", false, &err));
    CHECK(err.find("is not a MAC address") != std::string::npos);
    CHECK_FALSE(parse_mac("F0-6E-0B-C2-04-1A1*", true, &err));
    CHECK(parse_mac("F0-6E-0B-C2-04-1*", true)->value == 0xF06E0BC20410ull);
}

TEST_CASE("IPv4 addresses print every byte value in decimal without leading zeros", "[net]") {
    for (int v = 0; v < 256; ++v) {
        std::string dotted = "1.0." + std::to_string(v) + "." + std::to_string(255 - v);
        REQUIRE(parse_ip(dotted)->to_string() == dotted);
    }
    CHECK(parse_ip("0.0.0.0")->to_string() == "0.0.0.0");
    CHECK(parse_ip("255.255.255.255")->to_string() == "255.255.255.255");
    CHECK(parse_ip("100.10.1.109")->to_string() == "100.10.1.109");
}
