// Subnet containment, shared by subnet-overlap (across sites) and subnet-redundant (within a site).
#pragma once
#include <string>

#include "lint/rule.hpp"

namespace e911::detail {

inline std::string subnet_target(const Subnet& s) { return target(Kind::subnet, s.key()); }

// Reports each subnet lying inside (or equal to) another: of another site when `cross_site`,
// else of the same site.
void subnet_overlap(const LintContext& x, Emit& emit, bool cross_site);

}  // namespace e911::detail
