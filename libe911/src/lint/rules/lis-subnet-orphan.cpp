// lis-subnet-orphan: A LIS subnet lies inside no site subnet.
// Why it matters and how to fix it: docs/rules/lis-subnet-orphan.md.
#include "lint/rule.hpp"

namespace e911::detail {
namespace {

void check(const LintContext& x, Emit& emit) {
    for (std::uint32_t i = 0; i < x.cfg.lis_subnets.size(); ++i)
        if (const auto& l = x.cfg.lis_subnets[i]; x.c.lis_subnet_holder[i] == npos)
            emit(target(Kind::lis_subnet, l.network_id.to_string()), l.pos.of("network_id"),
                 "LIS subnet " + l.network_id.to_string() + " lies in no site subnet: callers there are in no site, so no site policy applies",
                 "add the subnet to a site under network.subnets, or correct the network ID");
}

}  // namespace

namespace lint_rules {
extern constinit const Rule lis_subnet_orphan{"lis-subnet-orphan", "network", Severity::warning,
    "A LIS subnet lies inside no site subnet.",
    check};
}  // namespace lint_rules

}  // namespace e911::detail
