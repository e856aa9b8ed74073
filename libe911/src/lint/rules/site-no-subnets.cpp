// site-no-subnets: A site has no subnets, so no caller can ever be in it.
// Why it matters and how to fix it: docs/rules/site-no-subnets.md.
#include "lint/rule.hpp"

namespace e911::detail {
namespace {

void check(const LintContext& x, Emit& emit) {
    std::vector<int> count(x.cfg.sites.size());
    for (const auto& s : x.cfg.subnets)
        if (s.site.resolved()) ++count[s.site.index];
    for (std::uint32_t i = 0; i < x.cfg.sites.size(); ++i)
        if (!count[i])
            emit(target(Kind::site, x.cfg.sites[i].id), x.cfg.sites[i].pos.self, "site `" + x.cfg.sites[i].id + "` has no subnets, so no caller is ever in it",
                 "add the site's subnets under network.subnets, or remove the site");
}

}  // namespace

namespace lint_rules {
extern constinit const Rule site_no_subnets{"site-no-subnets", "network", Severity::warning,
    "A site has no subnets, so no caller can ever be in it.",
    check};
}  // namespace lint_rules

}  // namespace e911::detail
