// subnet-redundant: A subnet is nested in (or equal to) another subnet of the same site.
// Why it matters and how to fix it: docs/rules/subnet-redundant.md.
#include "lint/rule.hpp"
#include "lint/subnet_sweep.hpp"

namespace e911::detail {
namespace {

void check(const LintContext& x, Emit& e) { subnet_overlap(x, e, false); }

}  // namespace

namespace lint_rules {
extern constinit const Rule subnet_redundant{"subnet-redundant", "network", Severity::info,
    "A subnet is nested in (or equal to) another subnet of the same site.",
    check};
}  // namespace lint_rules

}  // namespace e911::detail
