// elin-shared: One ELIN is used at locations with different addresses.
// Why it matters and how to fix it: docs/rules/elin-shared.md.
#include <map>
#include <set>

#include "lint/rule.hpp"
#include "util/text_util.hpp"

namespace e911::detail {
namespace {

void check(const LintContext& x, Emit& emit) {
    struct Use { std::string address; std::string owner; SourcePos pos; };
    std::map<std::string, std::vector<Use>> uses;
    for (const auto& a : x.cfg.addresses)
        for (const auto& e : a.elins) uses[e].push_back({a.id, target(Kind::address, a.id), a.pos.of("elins")});
    for (const auto& l : x.cfg.locations)
        for (const auto& e : l.elins) uses[e].push_back({l.address.id, target(Kind::location, l.id), l.pos.of("elins")});
    for (const auto& [elin, list] : uses) {
        std::set<std::string> addrs;
        for (const auto& u : list) addrs.insert(u.address);
        if (addrs.size() < 2) continue;
        auto& f = emit(list[1].owner, list[1].pos,
                       "ELIN " + elin + " is used at " + std::to_string(addrs.size()) + " different addresses (" + join({addrs.begin(), addrs.end()}, ", ") +
                           "): the carrier's ALI holds one address per ELIN, so some callers reach the PSAP with the wrong address",
                       "give each address (and each location) its own ELIN");
        for (const auto& u : list)
            if (u.owner != list[1].owner) emit.related(f, u.owner, u.pos);
    }
}

}  // namespace

namespace lint_rules {
extern constinit const Rule elin_shared{"elin-shared", "address", Severity::error,
    "One ELIN is used at locations with different addresses.",
    check};
}  // namespace lint_rules

}  // namespace e911::detail
