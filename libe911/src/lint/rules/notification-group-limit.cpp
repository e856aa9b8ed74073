// notification-group-limit: More than 10 addresses in a Teams notification group.
// Why it matters and how to fix it: docs/rules/notification-group-limit.md.
#include "lint/rule.hpp"

namespace e911::detail {
namespace {

void check(const LintContext& x, Emit& emit) {
    for (const auto& p : x.cfg.emergency_calling_policies) {
        if (p.notification_group.size() > 10)
            emit(target(Kind::emergency_calling_policy, p.id), p.pos.of("notification_group"),
                 std::to_string(p.notification_group.size()) + " addresses in the notification group; Teams accepts at most 10",
                 "notify a distribution group instead of listing people (at most 50 users are notified in total)");
        for (const auto& e : p.extended_notifications)
            if (e.notification_group && e.notification_group->size() > 10)
                emit(target(Kind::emergency_calling_policy, p.id), e.pos.of("notification_group"),
                     std::to_string(e.notification_group->size()) + " addresses in the extended notification group for " + e.dial_string + "; at most 10",
                     "notify a distribution group instead");
    }
}

}  // namespace

namespace lint_rules {
extern constinit const Rule notification_group_limit{"notification-group-limit", "notification", Severity::error,
    "More than 10 addresses in a Teams notification group.",
    check};
}  // namespace lint_rules

}  // namespace e911::detail
