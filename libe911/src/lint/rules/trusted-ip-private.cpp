// trusted-ip-private: A trusted IP is in a private, shared, loopback, link-local or ULA range.
// Why it matters and how to fix it: docs/rules/trusted-ip-private.md.
#include "lint/rule.hpp"

namespace e911::detail {
namespace {

const char* special_range(const IpPrefix& p) {
    struct R {
        IpPrefix prefix;
        const char* what;
    };
    static const std::vector<R> ranges = [] {
        std::vector<R> r;
        for (auto [text, what] : {std::pair{"10.0.0.0/8", "private (RFC 1918)"}, {"172.16.0.0/12", "private (RFC 1918)"},
                                  {"192.168.0.0/16", "private (RFC 1918)"}, {"100.64.0.0/10", "shared CGNAT (RFC 6598)"},
                                  {"127.0.0.0/8", "loopback"}, {"169.254.0.0/16", "link-local"}, {"::1/128", "loopback"},
                                  {"fc00::/7", "unique local (ULA)"}, {"fe80::/10", "link-local"}})
            r.push_back({*parse_prefix(text, PrefixHostBits::reject), what});
        return r;
    }();
    for (const auto& r : ranges)
        if (r.prefix.contains(p.network)) return r.what;
    return nullptr;
}

void check(const LintContext& x, Emit& emit) {
    for (const auto& t : x.cfg.trusted_ips)
        if (const char* what = special_range(t.prefix))
            emit(target(Kind::trusted_ip, t.prefix.to_string()), t.pos.self,
                 "trusted IP " + t.prefix.to_string() + " is a " + what + " address: Teams sees the public address clients egress from",
                 "list the public NAT/egress address (what https://ifconfig.me shows from the office), not an internal one");
}

}  // namespace

namespace lint_rules {
extern constinit const Rule trusted_ip_private{"trusted-ip-private", "network", Severity::error,
    "A trusted IP is in a private, shared, loopback, link-local or ULA range.",
    check};
}  // namespace lint_rules

}  // namespace e911::detail
