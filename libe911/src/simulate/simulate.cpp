// The call simulator. Each step records what it decided, why, and the configuration line behind
// it. Where the platforms leave room, the choice is ours and the trace says so (docs/behaviour.md).
#include <algorithm>

#include "e911/simulate.hpp"
#include "compile/policy.hpp"
#include "simulate/sim_core.hpp"
#include "util/text_util.hpp"

namespace e911 {

Simulator::Simulator(const Config& config) : compiled_(std::make_unique<detail::Compiled>(config)) {}
Simulator::~Simulator() = default;
Simulator::Simulator(Simulator&&) noexcept = default;
Simulator& Simulator::operator=(Simulator&&) noexcept = default;
const Config& Simulator::config() const { return compiled_->cfg; }

namespace detail {
namespace {

// Records trace steps; when tracing is off (batch, matrix, lint), STEP() does not even build the
// explanation strings, which are most of a simulation's cost.
class Steps {
public:
    Steps(const Config& cfg, std::vector<TraceStep>& out, bool on = true) : cfg_(cfg), out_(out), on_(on) {}
    bool on() const { return on_; }
    void add(const std::string& step, const std::string& result, const std::string& because, const SourcePos& pos = {}) {
        out_.push_back(TraceStep{step, result, because, pos.known() ? cfg_.file_of(pos) : std::string(), pos.line});
    }
private:
    const Config& cfg_;
    std::vector<TraceStep>& out_;
    bool on_;
};
#define STEP(...)                                   \
    do {                                            \
        if (steps.on()) steps.add(__VA_ARGS__); \
    } while (0)

std::string strip_plus(const std::string& s) { return !s.empty() && s[0] == '+' ? s.substr(1) : s; }

const char* source_name(Kind k) {
    switch (k) {
        case Kind::wireless_access_point: return "wireless_access_point";
        case Kind::port: return "port";
        case Kind::switch_: return "switch";
        default: return "lis_subnet";
    }
}

}  // namespace

const User* find_user(const Compiled& c, const std::string& id) {
    if (id.empty()) return nullptr;
    auto idx = c.cfg.find(Kind::user, id);
    if (idx != npos) return &c.cfg.users[idx];
    std::vector<std::string> ids;
    for (const auto& u : c.cfg.users) ids.push_back(u.id);
    std::string sug = closest(id, ids);
    throw UsageError("unknown user `" + id + "`" + (sug.empty() ? "" : "; did you mean `" + sug + "`?"));
}

Placement place(const Compiled& c, const Caller& caller, Platform platform, bool detail) {
    Placement p;
    Steps steps(c.cfg, p.steps, detail);
    // 1. Trusted IP (Teams only)
    if (platform == Platform::teams) {
        if (caller.public_ip.empty()) {
            p.trusted = true;
            STEP("trusted_ip", "trusted", "no public IP given: the caller is taken to egress through a trusted IP (our rule)");
        } else {
            std::string err;
            auto pub = parse_ip(caller.public_ip, &err);
            if (!pub) throw UsageError("--public-ip: " + err);
            p.trusted = false;
            for (const auto& t : c.cfg.trusted_ips)
                if (t.prefix.contains(*pub)) {
                    p.trusted = true;
                    STEP("trusted_ip", "trusted", caller.public_ip + " is inside trusted IP " + t.prefix.to_string(), t.pos.self);
                    break;
                }
            if (!*p.trusted)
                STEP("trusted_ip", "untrusted",
                          caller.public_ip + " is not a trusted IP: Teams looks up no network site and no dynamic location (e.g. off-site, or a shared cloud proxy)");
        }
    } else {
        STEP("trusted_ip", "not applicable", "Skype for Business clients register on the internal network; trusted IPs are a Teams concept");
    }

    // 2. Site
    std::optional<IpAddress> ip;
    int client_len = -1;
    if (!caller.ip.empty()) {
        auto slash = caller.ip.find('/');
        std::string err;
        ip = parse_ip(caller.ip.substr(0, slash), &err);
        if (!ip) throw UsageError("--ip: " + err);
        if (slash != std::string::npos) {
            std::string len = caller.ip.substr(slash + 1);
            if (!is_digits(len) || len.size() > 3 || std::stoi(len) > ip->bits()) throw UsageError("--ip: prefix length must be 0-" + std::to_string(ip->bits()));
            client_len = std::stoi(len);
        }
    }
    std::uint32_t subnet = npos;
    bool lookups = !p.trusted.has_value() || *p.trusted;
    if (!ip) {
        STEP("site", "unknown", "no client IP given");
    } else if (!lookups) {
        STEP("site", "unknown", "untrusted egress: Teams does not look up network sites");
    } else {
        // Every containing subnet is only needed to explain an ambiguity in the trace.
        std::vector<std::uint32_t> all;
        if (steps.on()) all = c.subnets_containing(*ip);
        else if (auto l = c.subnet_index.longest(*ip); l != npos) all.push_back(l);
        const char* fam = ip->v6 ? "IPv6" : "IPv4";
        if (platform == Platform::sfb && client_len >= 0) {
            IpPrefix net{mask(*ip, client_len), static_cast<std::uint8_t>(client_len)};
            auto hit = c.subnet_index.exact(net);
            if (hit != npos) {
                subnet = hit;
                STEP("site", c.cfg.subnets[subnet].site.id, "SfB exact network-ID match: the client's network " + net.to_string() + " is configured",
                          c.cfg.subnets[subnet].pos.self);
            } else {
                std::string near = all.empty() ? "" : " (" + c.cfg.subnets[all.back()].key() + " contains the address, but SfB wants the exact network ID)";
                STEP("site", "unknown", "SfB exact network-ID miss: the client sends " + net.to_string() + ", which is not a configured subnet" + near,
                          all.empty() ? SourcePos{} : c.cfg.subnets[all.back()].pos.self);
            }
        } else if (all.empty()) {
            STEP("site", "unknown", caller.ip + " is in no configured " + std::string(fam) + " subnet");
        } else {
            subnet = all.back();
            std::string why;
            if (steps.on()) why = std::string(fam) + " longest-prefix match " + c.cfg.subnets[subnet].key();
            if (steps.on() && platform == Platform::sfb) why += " (no client prefix length given, so not the SfB exact network-ID match)";
            if (steps.on() && platform == Platform::teams) why += " (Teams checks IPv6 subnets before IPv4)";
            if (steps.on() && all.size() > 1) {
                std::vector<std::string> others;
                for (std::size_t i = 0; i + 1 < all.size(); ++i) others.push_back(c.cfg.subnets[all[i]].key() + " (site " + c.cfg.subnets[all[i]].site.id + ")");
                why += "; ambiguous: also inside " + join(others, ", ") + " - neither platform documents the winner, we take the longest prefix";
            }
            STEP("site", c.cfg.subnets[subnet].site.id, why, c.cfg.subnets[subnet].pos.self);
        }
        if (subnet != npos) p.site = c.cfg.subnets[subnet].site.index;
    }

    // 3. LIS location: BSSID -> port -> switch -> subnet network ID; first match wins.
    if (!lookups) {
        STEP("location", "unknown", "untrusted egress: no dynamic location lookup");
        return p;
    }
    // `why` is a callable so the explanation is only built when tracing.
    auto found = [&](Kind k, const Ref& loc, const Positions& pos, auto why) {
        p.location = loc.index;
        p.location_source = source_name(k);
        STEP("location", loc.id, why(), pos.self);
    };
    if (!caller.bssid.empty()) {
        std::string err;
        auto m = parse_mac(caller.bssid, false, &err);
        if (!m) throw UsageError("--bssid: " + err);
        bool wildcard = false;
        auto w = c.find_bssid(*m, &wildcard);
        if (w != npos) {
            const auto& wap = c.cfg.wireless_access_points[w];
            found(Kind::wireless_access_point, wap.location, wap.pos, [&] {
                return "BSSID " + m->to_string() +
                       (wildcard ? " matches wildcard " + wap.bssid.to_string() + " (an exact entry would win; there is none)" : " matches exactly");
            });
            return p;
        }
        STEP("location", "no match", "BSSID " + m->to_string() + " is in no wireless access point entry (exact or wildcard)");
    }
    std::string chassis;
    if (!caller.chassis_id.empty()) {
        if (auto m = parse_mac(caller.chassis_id, false, nullptr)) chassis = m->to_string();
        else chassis = caller.chassis_id;
    }
    if (!chassis.empty() && !caller.port_id.empty()) {
        auto it = c.port_by_key.find(chassis + "/" + caller.port_id);
        if (it != c.port_by_key.end()) {
            const auto& port = c.cfg.ports[it->second];
            found(Kind::port, port.location, port.pos, [&] { return "switch " + chassis + " port " + caller.port_id + " is in the LIS"; });
            return p;
        }
        STEP("location", "no match", "port " + caller.port_id + " of switch " + chassis + " is not in the LIS");
    }
    if (!chassis.empty()) {
        auto it = c.switch_by_chassis.find(chassis);
        if (it != c.switch_by_chassis.end()) {
            const auto& sw = c.cfg.switches[it->second];
            found(Kind::switch_, sw.location, sw.pos, [&] { return "switch chassis " + chassis + " is in the LIS"; });
            return p;
        }
        STEP("location", "no match", "switch chassis " + chassis + " is not in the LIS");
    }
    if (ip) {
        int len = client_len >= 0 ? client_len : (subnet != npos ? c.cfg.subnets[subnet].prefix.length : -1);
        if (len < 0) {
            STEP("location", "unknown", "no prefix length for " + caller.ip + " and no site subnet to borrow one from, so no network ID to look up");
            return p;
        }
        IpAddress net = mask(*ip, len);
        auto it = c.lis_subnet.find(net);
        std::string lenwhy = client_len >= 0 || !steps.on() ? "" : " (prefix length /" + std::to_string(len) + " taken from the site subnet: our rule)";
        if (it != c.lis_subnet.end()) {
            const auto& ls = c.cfg.lis_subnets[it->second];
            found(Kind::lis_subnet, ls.location, ls.pos, [&] { return "LIS subnet network ID " + net.to_string() + lenwhy; });
            return p;
        }
        STEP("location", "unknown", "network ID " + net.to_string() + lenwhy + " is not a LIS subnet: no automatic location");
        return p;
    }
    STEP("location", "unknown", "nothing to look up (no BSSID, switch, port or IP)");
    return p;
}

Trace simulate_placed(const Compiled& c, const User* user, Platform platform, SfbClient client, const std::string& dialed, Placement pl,
                      const ElinPicker& pick_elin, bool detail) {
    Trace t;
    simulate_placed_into(t, c, user, platform, client, dialed, std::move(pl), pick_elin, detail);
    return t;
}

namespace {
// Empties a Trace but keeps its strings' and vectors' storage, so a batch reusing one Trace does
// not allocate for every call.
void reset(Trace& t) {
    for (std::string* s : {&t.dialed, &t.normalized, &t.dial_string, &t.user, &t.site, &t.location, &t.location_source, &t.address,
                           &t.policies.emergency_calling, &t.policies.emergency_call_routing, &t.policies.location, &t.policies.routing,
                           &t.policies.dial_plan, &t.pstn_usage, &t.route, &t.calling_number, &t.elin, &t.psap, &t.psap_reason, &t.outcome,
                           &t.pidf_lo})
        s->clear();
    t.gateways.clear();
    t.psap_expected.clear();
    t.trace.clear();
    t.emergency = false;
    t.psap_relay = false;
    t.trusted.reset();
    t.psap_correct.reset();
    if (t.notifications) {
        auto& n = *t.notifications;
        n.mode.clear(), n.group.clear(), n.dial_out.clear(), n.uris.clear(), n.conference_uri.clear();
    }
}
}  // namespace

void simulate_placed_into(Trace& t, const Compiled& c, const User* user, Platform platform, SfbClient client, const std::string& dialed, Placement pl,
                          const ElinPicker& pick_elin, bool detail) {
    const Config& cfg = c.cfg;
    reset(t);
    t.dialed = dialed;
    t.platform = platform;
    t.trusted = pl.trusted;
    t.user = user ? user->id : "";
    if (detail) t.trace = std::move(pl.steps);
    Steps steps(cfg, t.trace, detail);
    if (pl.site != npos) t.site = cfg.sites[pl.site].id;
    const Location* loc = pl.location != npos ? &cfg.locations[pl.location] : nullptr;
    const Address* addr = loc && loc->address.resolved() ? &cfg.addresses[loc->address.index] : nullptr;
    if (loc) {
        t.location = loc->id;
        t.location_source = pl.location_source;
    }
    if (addr) t.address = addr->id;

    // 4. Effective policies that do not depend on the number.
    auto dp = effective_dial_plan(c, user);
    auto rp = effective_routing_policy(c, user);
    PolicyChoice ecp, lp;
    if (platform == Platform::teams) {
        ecp = effective_ecp(c, pl.site, user);
        if (ecp.index != npos) t.policies.emergency_calling = cfg.emergency_calling_policies[ecp.index].id;
        STEP("policy", ecp.index != npos ? "emergency_calling_policy " + t.policies.emergency_calling : "no emergency calling policy",
                  ecp.index != npos ? "from " + describe(cfg, ecp, pl.site, user) + " (site over user over global)" : "none on the site, the user, or `global`",
                  ecp.index != npos ? cfg.emergency_calling_policies[ecp.index].pos.self : SourcePos{});
    } else {
        lp = effective_lp(c, pl.site, user);
        if (lp.index != npos) t.policies.location = cfg.location_policies[lp.index].id;
        std::string why = !steps.on() ? "" : lp.index == npos ? "none on the network site, the user, or `global`" : "from " + describe(cfg, lp, pl.site, user);
        if (steps.on() && lp.index != npos && lp.from == PolicySource::site && user && user->location_policy.resolved())
            why += " (a network site's location policy overrides the user's `" + user->location_policy.id + "` inside its subnets)";
        STEP("policy", lp.index != npos ? "location_policy " + t.policies.location : "no location policy", why,
                  lp.index != npos ? cfg.location_policies[lp.index].pos.self : SourcePos{});
    }
    if (rp.index != npos) t.policies.routing = cfg.routing_policies[rp.index].id;
    if (dp.index != npos) t.policies.dial_plan = cfg.dial_plans[dp.index].id;

    // 5. Dial plan first (docs/behaviour.md §5), then emergency recognition on its result.
    std::string number = dialed;
    if (dp.index != npos) {
        const auto& plan = cfg.dial_plans[dp.index];
        const auto& applied = c.apply_dial_plan(dp.index, dialed);
        number = applied.result;
        if (applied.rule != npos) {
            const auto& rule = plan.rules[applied.rule];
            STEP("dial_plan", number, "dial plan `" + plan.id + "` rule `" + rule.name + "` (" + rule.pattern + " -> " + rule.translation + ") matched " + dialed + " first",
                 rule.pos.of("pattern"));
        } else {
            STEP("dial_plan", number, "no rule of dial plan `" + plan.id + "` matches " + dialed, plan.pos.self);
        }
    } else {
        STEP("dial_plan", number, "the user has no dial plan and there is no `global` one: digits unchanged");
    }
    t.normalized = number;

    // 6. Emergency recognition.
    std::optional<NumberMatch> match;
    std::uint32_t usage = npos;
    bool enabled = true;
    std::uint32_t ecrp_index = npos;
    if (platform == Platform::teams) {
        auto site_p = site_ecrp(c, pl.site, pl.location != npos);
        bool site_has_policy = pl.site != npos && cfg.sites[pl.site].emergency_call_routing_policy.resolved();
        auto user_p = user_ecrp(c, user);
        PolicyChoice chosen;
        if (site_p.index != npos && (match = match_number(cfg.emergency_call_routing_policies[site_p.index], number))) {
            chosen = site_p;
        } else {
            chosen = user_p;
            std::string why = !steps.on()            ? ""
                              : pl.site == npos        ? "no known site"
                              : !site_has_policy       ? "site has no emergency call routing policy"
                              : site_p.index == npos   ? "the caller's location is unknown, so the site's policy does not apply"
                                                       : "the site policy `" + cfg.emergency_call_routing_policies[site_p.index].id + "` has no number matching " + number;
            if (user_p.index != npos) {
                match = match_number(cfg.emergency_call_routing_policies[user_p.index], number);
                if (site_p.index != npos || pl.site != npos)
                    STEP("policy", "emergency_call_routing_policy " + cfg.emergency_call_routing_policies[user_p.index].id,
                              why + ": falling back to the policy from " + describe(cfg, user_p, pl.site, user), cfg.emergency_call_routing_policies[user_p.index].pos.self);
            }
        }
        if (chosen.index != npos) {
            ecrp_index = chosen.index;
            t.policies.emergency_call_routing = cfg.emergency_call_routing_policies[chosen.index].id;
            if (chosen.from == PolicySource::site)
                STEP("policy", "emergency_call_routing_policy " + t.policies.emergency_call_routing, "from " + describe(cfg, chosen, pl.site, user) + " (site over user)",
                          cfg.emergency_call_routing_policies[chosen.index].pos.self);
            else if (site_p.index == npos && pl.site == npos)
                STEP("policy", "emergency_call_routing_policy " + t.policies.emergency_call_routing, "from " + describe(cfg, chosen, pl.site, user),
                          cfg.emergency_call_routing_policies[chosen.index].pos.self);
        } else if (site_p.index != npos) {
            ecrp_index = site_p.index;  // enabled at the site; the number is simply not one of its numbers
            t.policies.emergency_call_routing = cfg.emergency_call_routing_policies[site_p.index].id;
            STEP("policy", "emergency_call_routing_policy " + t.policies.emergency_call_routing,
                 "from " + describe(cfg, site_p, pl.site, user) + "; it has no number matching " + number + " and there is no user or global policy to fall back to",
                 cfg.emergency_call_routing_policies[site_p.index].pos.self);
        }
        // Not enabled only when no routing policy applies at all; a policy that lacks the dialled
        // number leaves the caller enabled, and the number goes out as an ordinary call.
        enabled = site_p.index != npos || user_p.index != npos;
        if (match) {
            const auto& n = cfg.emergency_call_routing_policies[ecrp_index].numbers[match->number];
            usage = n.pstn_usage.index;
            STEP("emergency", match->dial_string,
                      number + (match->via_mask ? " is a dial mask of " : " is the dial string ") + match->dial_string + " in policy `" + t.policies.emergency_call_routing + "`",
                      n.pos.self);
        }
    } else {
        const LocationPolicy* p = lp.index != npos ? &cfg.location_policies[lp.index] : nullptr;
        enabled = p && p->enhanced_emergency_services;
        if (p) {
            std::string digits = strip_plus(number);
            match = match_number(*p, digits, client);
            if (match) {
                usage = p->pstn_usage.index;
                std::string set = client == SfbClient::modern && !p->numbers.empty() ? "emergency numbers (modern client)" : "legacy dial string and masks";
                STEP("emergency", match->dial_string, digits + (match->via_mask ? " is a dial mask of " : " is the dial string ") + match->dial_string +
                                                               " in the " + set + " of `" + p->id + "`",
                          p->pos.of(match->number == npos ? "dial_string" : "numbers"));
            }
            if (!p->enhanced_emergency_services && match) {
                STEP("emergency", "not enabled", "location policy `" + p->id + "` has enhanced_emergency_services: false: no E9-1-1 handling", p->pos.of("enhanced_emergency_services"));
                match.reset();
            }
        }
    }
    // Was an emergency string eaten by the dial plan?
    if (!match && number != dialed) {
        std::vector<DialEntry> entries;
        if (ecrp_index != npos) entries = dial_entries(cfg.emergency_call_routing_policies[ecrp_index]);
        else if (lp.index != npos) entries = dial_entries(cfg.location_policies[lp.index], client);
        for (const auto& e : entries)
            if (e.digits == dialed) {
                STEP("emergency", "lost", "the dial plan rewrote emergency string " + dialed + " to " + number +
                                                   ": it is no longer recognised as an emergency call (dial-plan-shadows-emergency)");
                break;
            }
    }
    if (!match) {
        std::string country = user ? user_country(c, *user) : (pl.site != npos ? site_country(c, pl.site) : cfg.defaults.country);
        bool looks_emergency = !enabled && (is_emergency_number(strip_plus(number), country) || is_emergency_number(dialed, country));
        if (looks_emergency) {
            t.outcome = "not_enabled";
            STEP("emergency", "not enabled", platform == Platform::teams
                                                      ? dialed + " is an emergency number in " + country + " but no emergency call routing policy applies (site, user or global)"
                                                      : dialed + " is an emergency number in " + country + " but the effective location policy does not enable E9-1-1");
        } else if (steps.on()) {
            bool country_emergency = is_emergency_number(strip_plus(number), country) || is_emergency_number(dialed, country);
            STEP("emergency", "no",
                 country_emergency ? dialed + " is an emergency number in " + country +
                                         " but the effective policy neither dials nor masks it: it goes out as an ordinary call (emergency-number-missing)"
                                   : number + " is not an emergency dial string or mask of the effective policy");
        }
    }
    t.emergency = match.has_value();
    if (match) t.dial_string = match->dial_string;

    // 7. PSTN usage and route.
    std::string routed = match ? routed_form(platform, match->dial_string) : number;
    const std::vector<std::uint32_t>* routes = &Compiled::no_routes();
    if (match) {
        if (usage != npos) {
            t.pstn_usage = cfg.pstn_usages[usage].id;
            routes = &c.matching_routes(usage, routed);
            STEP("pstn_usage", t.pstn_usage, std::string(platform == Platform::teams ? "the emergency number's usage" : "the location policy's usage") +
                                                     " replaces the user's usages for emergency calls; routes are matched against `" + routed + "`",
                      cfg.pstn_usages[usage].pos.self);
        } else {
            STEP("pstn_usage", "none", "the emergency number has no PSTN usage");
        }
    } else if (rp.index != npos) {
        const auto& pol = cfg.routing_policies[rp.index];
        for (const auto& u : pol.pstn_usages) {
            if (!u.resolved()) continue;
            const auto& m = c.matching_routes(u.index, routed);
            if (m.empty()) continue;
            usage = u.index;
            routes = &m;
            t.pstn_usage = u.id;
            STEP("pstn_usage", u.id, "first usage of routing policy `" + pol.id + "` with a route matching " + routed + " (later usages are never tried)",
                      pol.pos.of("pstn_usages"));
            break;
        }
        if (usage == npos) STEP("pstn_usage", "none", "no usage of routing policy `" + pol.id + "` has a route matching " + routed, pol.pos.self);
    } else {
        STEP("pstn_usage", "none", "no routing policy (user or global)");
    }
    std::uint32_t route = npos;
    for (auto r : *routes) {
        std::vector<std::string> live;
        for (const auto& g : cfg.routes[r].gateways)
            if (g.resolved() && cfg.gateways[g.index].enabled) live.push_back(g.id);
        if (live.empty()) {
            STEP("route", cfg.routes[r].id + " skipped", "matches, but every gateway of the route is disabled: failing over to the next route", cfg.routes[r].pos.self);
            continue;
        }
        route = r;
        t.gateways = live;
        break;
    }
    if (route != npos) {
        t.route = cfg.routes[route].id;
        STEP("route", t.route, "priority " + std::to_string(cfg.routes[route].priority) + ", pattern " + cfg.routes[route].number_pattern + " matches " + routed +
                                        " (lowest priority first; config order breaks ties)",
                  cfg.routes[route].pos.of("number_pattern"));
        std::string disabled;
        for (const auto& g : cfg.routes[route].gateways)
            if (g.resolved() && !cfg.gateways[g.index].enabled) disabled += (disabled.empty() ? "" : ", ") + g.id;
        STEP("gateways", join(t.gateways, ", "), std::string(t.gateways.size() > 1 ? "tried in random order; all listed as candidates" : "the one enabled gateway") +
                                                          (disabled.empty() ? "" : "; disabled and skipped: " + disabled),
                  cfg.gateways[cfg.find(Kind::gateway, t.gateways[0])].pos.self);
    } else if (!routes->empty() || usage != npos) {
        STEP("route", "none", routes->empty() ? "no route in usage `" + t.pstn_usage + "` matches " + routed
                                                  : "every matching route in usage `" + t.pstn_usage + "` is dead; later usages are not tried");
    }

    if (t.outcome.empty()) {
        if (t.emergency) t.outcome = route != npos ? "routed" : "no_route";
        else t.outcome = route != npos ? "not_emergency_routed" : "not_emergency_no_route";
    }

    // 8. Calling number, PSAP, notification, PIDF-LO: emergency calls only.
    const Gateway* gw = route != npos ? &cfg.gateways[cfg.find(Kind::gateway, t.gateways[0])] : nullptr;
    if (user && !user->phone_number.empty()) t.calling_number = user->phone_number;
    if (!t.emergency) {
        if (gw) STEP("calling_number", t.calling_number.empty() ? "none" : t.calling_number, "the user's own number");
        t.notifications.reset();
        return;
    }
    // ELIN: the location's first, else its address's (a gateway picks one not in an active call).
    const Address* elin_address = nullptr;
    if (gw && gw->emergency_routing == EmergencyRouting::elin && !gw->pidf_lo) {
        // The ELIN gateway reads the ELIN from the PIDF-LO in the INVITE (<ca:ELIN>, else <ca:NAM>).
        STEP("calling_number", t.calling_number.empty() ? "none" : t.calling_number,
             "ELIN gateway `" + gw->id + "` has PIDF-LO off, so it cannot read the location's ELIN from the call: the caller's own number goes out",
             gw->pos.of("pidf_lo"));
    } else if (gw && gw->emergency_routing == EmergencyRouting::elin) {
        const std::vector<std::string>* elins = nullptr;
        if (loc && !loc->elins.empty()) elins = &loc->elins, elin_address = addr;
        else if (addr && !addr->elins.empty()) elins = &addr->elins, elin_address = addr;
        if (elins) {
            t.elin = pick_elin ? pick_elin(*elins) : elins->front();
            t.calling_number = t.elin;
            STEP("calling_number", t.elin, "ELIN gateway `" + gw->id + "` replaces the caller's number with the " + (loc && !loc->elins.empty() ? "location's" : "address's") + " ELIN",
                      loc && !loc->elins.empty() ? loc->pos.of("elins") : addr->pos.of("elins"));
        } else {
            STEP("calling_number", t.calling_number.empty() ? "none" : t.calling_number,
                      "ELIN gateway `" + gw->id + "` has no ELIN for " + (loc ? "location `" + loc->id + "`" : "an unknown location") + ": the caller's own number goes out");
        }
    } else if (gw) {
        STEP("calling_number", t.calling_number.empty() ? "none" : t.calling_number, "the user's own number (gateway does not substitute ELINs)");
    }

    auto psap_of_address = [&](const Address* a) -> std::string {
        if (!a) return {};
        const auto& list = c.psaps_serving(*a);
        return list.empty() ? std::string() : cfg.psaps[list.front()].id;
    };
    auto reach = [&](const Gateway& g, std::string& why, SourcePos& pos) -> std::string {
        const Address* trunk = g.address.resolved() ? &cfg.addresses[g.address.index] : nullptr;
        pos = g.pos.of("emergency_routing");
        switch (g.emergency_routing) {
            case EmergencyRouting::location: {
                std::string problem = !g.pidf_lo ? "PIDF-LO is off on the gateway" : !addr ? "no location is known" : !addr->validated ? "the address is not validated" : "";
                if (problem.empty()) {
                    why = "location routing: the provider routes on the PIDF-LO civic address `" + addr->id + "`";
                    return psap_of_address(addr);
                }
                why = "location routing, but " + problem + ": the provider's relay centre (fallback_psap)";
                return g.fallback_psap.id;
            }
            case EmergencyRouting::elin:
                if (!t.elin.empty() && elin_address) {
                    why = "ELIN routing: the PSTN routes on ELIN " + t.elin + ", registered with address `" + elin_address->id + "`";
                    return psap_of_address(elin_address);
                }
                why = "ELIN routing without an ELIN: the PSTN routes on the trunk's own address `" + g.address.id + "`";
                return psap_of_address(trunk);
            case EmergencyRouting::fixed:
                why = "fixed routing: the trunk always reaches the PSAP serving its own address `" + g.address.id + "`";
                return psap_of_address(trunk);
        }
        return {};
    };
    if (gw) {
        std::string why;
        SourcePos pos;
        t.psap = reach(*gw, why, pos);
        auto pidx = t.psap.empty() ? npos : cfg.find(Kind::psap, t.psap);
        t.psap_relay = pidx != npos && cfg.psaps[pidx].relay;
        if (t.psap.empty()) why += "; no PSAP in the configuration serves that address";
        t.psap_reason = why;
        STEP("psap", t.psap.empty() ? "unknown" : t.psap, why, pos);
        for (std::size_t i = 1; i < t.gateways.size(); ++i) {
            const auto& other = cfg.gateways[cfg.find(Kind::gateway, t.gateways[i])];
            std::string w2;
            SourcePos p2;
            std::string other_psap = reach(other, w2, p2);
            if (other_psap != t.psap)
                STEP("psap", "differs", "candidate gateway `" + other.id + "` would reach " + (other_psap.empty() ? "an unknown PSAP" : other_psap) + " (" + w2 + ")", p2);
        }
    }
    if (addr) {
        for (auto i : c.psaps_serving(*addr)) t.psap_expected.push_back(cfg.psaps[i].id);
        if (gw) {
            t.psap_correct = std::find(t.psap_expected.begin(), t.psap_expected.end(), t.psap) != t.psap_expected.end() && !t.psap_relay;
            STEP("psap_check", *t.psap_correct ? "correct" : "wrong",
                      t.psap_expected.empty() ? "no PSAP in the configuration serves address `" + addr->id + "`"
                                              : "address `" + addr->id + "` is served by " + join(t.psap_expected, ", ") +
                                                    (t.psap_relay ? "; the relay centre screens and transfers, it is never the right PSAP" : ""));
        }
    } else if (gw) {
        STEP("psap_check", "unknown", "the caller's real location is unknown, so correctness cannot be judged");
    }

    // Notification (filled in place: reset() kept its storage).
    Notifications& n = t.notifications ? *t.notifications : t.notifications.emplace();
    if (platform == Platform::teams) {
        if (ecp.index != npos) {
            const auto& p = cfg.emergency_calling_policies[ecp.index];
            auto who = teams_notification(p, t.dial_string);
            n.mode = to_string(who.mode);
            n.group = *who.group;
            n.dial_out = *who.dial_out;
            std::string why;
            if (steps.on())
                why = who.extended ? "extended notification for " + who.extended->dial_string + " in policy `" + p.id + "`" : "policy `" + p.id + "`";
            SourcePos pos = who.extended ? who.extended->pos.self : p.pos.self;
            STEP("notification", n.anyone() ? n.mode : "nobody",
                      why + (n.group.empty() ? "" : "; chat to " + join(n.group, ", ")) + (n.dial_out.empty() ? "" : "; dial-out " + n.dial_out + " (always muted)"), pos);
        } else {
            n.mode = "none";
            STEP("notification", "nobody", "no emergency calling policy applies");
        }
    } else {
        const auto& p = cfg.location_policies[lp.index];
        n.uris = p.notification_uris;
        n.conference_uri = p.conference_uri;
        n.mode = !p.conference_uri.empty() ? (p.conference_mode == ConferenceMode::oneway ? "conference_oneway" : "conference_twoway")
                 : !p.notification_uris.empty() ? "notification_only" : "none";
        STEP("notification", n.anyone() ? n.mode : "nobody",
                  "location policy `" + p.id + "`" + (n.uris.empty() ? "" : "; IM to " + join(n.uris, ", ")) +
                      (n.conference_uri.empty() ? "" : "; conference " + n.conference_uri + " (" + to_string(p.conference_mode) + ")"),
                  p.pos.self);
    }
    // PIDF-LO
    if (gw && loc && gw->pidf_lo && detail) {
        static const char* methods[] = {"802.11", "Wiremap", "Wiremap", "DHCP"};
        const char* method = t.location_source == "wireless_access_point" ? methods[0] : t.location_source == "lis_subnet" ? methods[3] : methods[1];
        t.pidf_lo = pidf_for(cfg, pl.location, platform == Platform::sfb && gw->emergency_routing == EmergencyRouting::elin,
                             "pres:" + (user ? user->id : loc->id + "@location.invalid"), method);
        STEP("pidf_lo", "sent", std::string("civic address of `") + loc->id + "` in the INVITE (Geolocation: <cid:...>)", gw->pos.of("pidf_lo"));
    } else if (gw) {
        STEP("pidf_lo", "none", !gw->pidf_lo ? "gateway `" + gw->id + "` has PIDF-LO off" : "no location to send");
    }
}

}  // namespace detail

Trace Simulator::simulate(const Caller& caller) const {
    const auto& c = *compiled_;
    if (caller.dialed.empty()) throw UsageError("nothing dialled (--dial)");
    for (char ch : caller.dialed)
        if (!std::isdigit(static_cast<unsigned char>(ch)) && ch != '+' && ch != '*' && ch != '#')
            throw UsageError("--dial `" + caller.dialed + "`: use digits, +, * and # only");
    const User* user = detail::find_user(c, caller.user);
    Platform platform = caller.platform ? *caller.platform : user ? c.cfg.platform_of(*user) : c.cfg.defaults.platform;
    SfbClient client = caller.client ? *caller.client : user ? user->sfb_client : SfbClient::modern;
    auto placement = detail::place(c, caller, platform, true);
    return detail::simulate_placed(c, user, platform, client, caller.dialed, std::move(placement));
}

}  // namespace e911
