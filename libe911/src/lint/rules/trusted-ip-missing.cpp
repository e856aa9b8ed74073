// trusted-ip-missing: Teams sites exist but no trusted IP is configured.
// Why it matters and how to fix it: docs/rules/trusted-ip-missing.md.
#include "lint/rule.hpp"

namespace e911::detail {
namespace {

void check(const LintContext& x, Emit& emit) {
    if (!x.cfg.trusted_ips.empty() || x.cfg.sites.empty()) return;
    bool teams = x.cfg.defaults.platform == Platform::teams;
    for (const auto& u : x.cfg.users) teams = teams || x.cfg.platform_of(u) == Platform::teams;
    if (!teams) return;
    auto& f = emit("config/network.trusted_ips", x.cfg.sites.front().pos.self,
                   "Teams sites are defined but there is no trusted IP: Teams looks up sites only for clients egressing through a trusted IP, "
                   "so no site policy or dynamic location ever applies",
                   "list the organisation's own public egress addresses under network.trusted_ips");
    emit.related(f, target(Kind::site, x.cfg.sites.front().id), x.cfg.sites.front().pos.self);
}

}  // namespace

namespace lint_rules {
extern constinit const Rule trusted_ip_missing{"trusted-ip-missing", "network", Severity::error,
    "Teams sites exist but no trusted IP is configured.",
    check};
}  // namespace lint_rules

}  // namespace e911::detail
