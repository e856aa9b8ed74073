// Which gateways of a route can take the call: the enabled ones that are not down, tried in random
// order, so each is a candidate. A route none of whose gateways is left is dead and skipped.
#include <algorithm>

#include "simulate/decisions.hpp"
#include "util/text_util.hpp"

namespace e911::detail {

bool Conditions::down(std::uint32_t gateway) const {
    return std::find(gateways_down.begin(), gateways_down.end(), gateway) != gateways_down.end();
}

std::vector<std::string> split_ids(const std::string& comma_separated) {
    std::vector<std::string> ids;
    std::string id;
    for (char ch : comma_separated + ",") {
        if (ch != ',') {
            if (ch != ' ' && ch != '\t') id += ch;
            continue;
        }
        if (!id.empty()) ids.push_back(id);
        id.clear();
    }
    return ids;
}

Conditions conditions_down(const Compiled& c, const std::vector<std::string>& ids) {
    Conditions when;
    for (const auto& id : ids) {
        auto g = c.cfg.find(Kind::gateway, id);
        if (g == npos) {
            std::vector<std::string> known;
            for (const auto& gw : c.cfg.gateways) known.push_back(gw.id);
            std::string sug = closest(id, known);
            throw UsageError("down: unknown gateway `" + id + "`" + (sug.empty() ? "" : "; did you mean `" + sug + "`?"));
        }
        if (!when.down(g)) when.gateways_down.push_back(g);
    }
    return when;
}

GatewayDecision choose_gateways(const Compiled& c, std::uint32_t route, const Conditions& when,
                                std::vector<std::string>& gateways) {
    GatewayDecision d;
    gateways.clear();
    for (const auto& g : c.cfg.routes[route].gateways) {
        if (!g.resolved() || !c.cfg.gateways[g.index].enabled) continue;
        // Domain §7 (v2): a gateway that is down is skipped; the route's remaining gateways are tried.
        if (when.down(g.index)) {
            d.down.push_back(g.index);
            continue;
        }
        if (d.primary == npos) d.primary = g.index;
        ++d.count;
        gateways.push_back(g.id);
    }
    return d;
}

}  // namespace e911::detail
