// subnet-overlap: Subnets of different sites are equal or nested.
// Why it matters and how to fix it: docs/rules/subnet-overlap.md.
#include "lint/rule.hpp"
#include "lint/subnet_sweep.hpp"

namespace e911::detail {
namespace {

void check(const LintContext& x, Emit& e) { subnet_overlap(x, e, true); }

}  // namespace

namespace lint_rules {
extern constinit const Rule subnet_overlap{"subnet-overlap", "network", Severity::error,
    "Subnets of different sites are equal or nested.",
    check};
}  // namespace lint_rules

}  // namespace e911::detail
