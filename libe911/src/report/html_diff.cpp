// `e911 diff --format html`: the change's effect on emergency calls, what got worse first, then the
// other changed outcomes and the findings added and fixed, on the same page shell as the report.
#include <algorithm>

#include "e911/version.hpp"
#include "report/html.hpp"
#include "report/tables.hpp"

namespace e911::detail {
namespace {

json side(const std::optional<MatrixRow>& r) {
    if (!r) return nullptr;
    return json::array({outcome_class(r->outcome, r->psap_relay, r->psap_correct), r->psap, r->route});
}

}  // namespace

std::string html_diff(const DiffResult& d) {
    std::vector<const OutcomeChange*> order;
    for (const auto& o : d.outcomes) order.push_back(&o);
    std::stable_sort(order.begin(), order.end(), [](const OutcomeChange* a, const OutcomeChange* b) { return a->worse > b->worse; });
    json outcomes = json::array();
    int worse = 0;
    for (const auto* o : order) {
        worse += o->worse;
        outcomes.push_back(json::array({o->key, o->worse, o->worse_because, o->changes, side(o->before), side(o->after)}));
    }
    json docs = json::object();
    json data = {{"kind", "diff"}, {"version", version()}};
    data["summary"] = {{"changed", d.outcomes.size()}, {"worse", worse}, {"added", d.added.size()}, {"fixed", d.fixed.size()}};
    data["outcomes"] = std::move(outcomes);
    data["findings_added"] = findings_json(d.added, docs);
    data["findings_fixed"] = findings_json(d.fixed, docs);
    data["rule_docs"] = std::move(docs);
    return html_page(worse ? "e911 diff: " + std::to_string(worse) + " outcome(s) worse" : "e911 diff", data);
}

}  // namespace e911::detail
