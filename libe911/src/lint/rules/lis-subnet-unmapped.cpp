// lis-subnet-unmapped: A site subnet's network ID has no LIS subnet entry.
// Why it matters and how to fix it: docs/rules/lis-subnet-unmapped.md.
#include "lint/rule.hpp"

namespace e911::detail {
namespace {

void check(const LintContext& x, Emit& emit) {
    for (const auto& s : x.cfg.subnets) {
        if (x.c.lis_subnet.count(s.prefix.network)) continue;
        // Each address written once: a million-subnet tenant can have hundreds of thousands of these.
        const std::string prefix = s.key(), network = s.prefix.network.to_string();
        emit(target(Kind::subnet, prefix), s.pos.of("prefix"),
             "subnet " + prefix + " has no LIS subnet entry for network ID " + network +
                 ": callers there get no automatic location unless a BSSID or switch entry finds them",
             "add an entry to `lis` `subnets`: `- {network_id: " + network + ", location: <location-id>}`");
    }
}

}  // namespace

namespace lint_rules {
extern constinit const Rule lis_subnet_unmapped{"lis-subnet-unmapped", "network", Severity::warning,
    "A site subnet's network ID has no LIS subnet entry.",
    check};
}  // namespace lint_rules

}  // namespace e911::detail
