// elin-is-user-number: An ELIN is also a user's phone number.
// Why it matters and how to fix it: docs/rules/elin-is-user-number.md.
#include <absl/container/flat_hash_map.h>

#include <string_view>

#include "lint/rule.hpp"

namespace e911::detail {
namespace {

void check(const LintContext& x, Emit& emit) {
    // Open addressing with the views in the table: a lookup that misses (nearly all of them) reads no
    // user and no string, which at a million locations was most of the rule's time.
    absl::flat_hash_map<std::string_view, const User*> numbers;  // the first user with a number keeps it
    numbers.reserve(x.cfg.users.size());
    for (const auto& u : x.cfg.users)
        if (!u.phone_number.empty()) numbers.emplace(u.phone_number, &u);
    // The target is named only for a hit: at a million locations, naming each cost more than the check.
    auto check = [&](const std::vector<std::string>& elins, Kind kind, const std::string& id, SourcePos p) {
        for (const auto& e : elins)
            if (auto it = numbers.find(e); it != numbers.end()) {
                auto& f = emit(target(kind, id), p, "ELIN " + e + " is also the phone number of user `" + it->second->id +
                                                        "`: a PSAP callback to the ELIN and calls to the user collide",
                               "use a DID reserved for the ELIN, not a user's number");
                emit.related(f, target(Kind::user, it->second->id), it->second->pos.of("phone_number"));
            }
    };
    for (const auto& a : x.cfg.addresses)
        if (!a.elins.empty()) check(a.elins, Kind::address, a.id, a.pos.of("elins"));
    for (const auto& l : x.cfg.locations)
        if (!l.elins.empty()) check(l.elins, Kind::location, l.id, l.pos.of("elins"));
}

}  // namespace

namespace lint_rules {
extern constinit const Rule elin_is_user_number{"elin-is-user-number", "address", Severity::error,
    "An ELIN is also a user's phone number.",
    check};
}  // namespace lint_rules

}  // namespace e911::detail
