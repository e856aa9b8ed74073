// Config diff: the same callers simulated against both configurations, plus lint on both.
#include <map>
#include <set>

#include "e911/matrix.hpp"
#include "util/json_util.hpp"
#include "questions/matrix_core.hpp"
#include "simulate/decisions.hpp"
#include "util/text_util.hpp"

namespace e911 {

bool DiffResult::worse() const {
    for (const auto& o : outcomes)
        if (o.worse) return true;
    return false;
}

namespace {

// A caller identified by names, so it can be placed in either configuration.
struct NamedCell {
    Platform platform;
    std::string site, location;
    LocationSource location_source;
    std::string user, dialed;
};

std::optional<detail::Cell> resolve(const detail::Compiled& c, const NamedCell& n) {
    detail::Cell cell{n.platform, npos, npos, n.location_source, npos, n.dialed};
    if (!n.site.empty() && (cell.site = c.cfg.find(Kind::site, n.site)) == npos) return std::nullopt;
    if (!n.location.empty() && (cell.location = c.cfg.find(Kind::location, n.location)) == npos) return std::nullopt;
    if (!n.user.empty() && (cell.user = c.cfg.find(Kind::user, n.user)) == npos) return std::nullopt;
    return cell;
}

NamedCell name(const detail::Compiled& c, const detail::Cell& cell) {
    return NamedCell{cell.platform, cell.site != npos ? c.cfg.sites[cell.site].id : "", cell.location != npos ? c.cfg.locations[cell.location].id : "",
                     cell.location_source, cell.user != npos ? c.cfg.users[cell.user].id : "", cell.dialed};
}

void compare(OutcomeChange& ch) {
    const auto& b = ch.before;
    const auto& a = ch.after;
    auto field = [&](const char* what, const std::string& x, const std::string& y) {
        if (x != y) ch.changes.push_back(std::string(what) + ": " + (x.empty() ? "-" : x) + " -> " + (y.empty() ? "-" : y));
    };
    auto correct = [](const std::optional<MatrixRow>& r) -> std::string {
        if (!r || !r->psap_correct) return "unknown";
        return r->psap_relay ? "relay" : *r->psap_correct ? "correct" : "wrong";
    };
    if (!b || !a) {
        ch.changes.push_back(b ? "caller no longer exists (site, location or user removed)" : "new caller");
        return;
    }
    field("outcome", to_string(b->outcome), to_string(a->outcome));
    field("route", b->route, a->route);
    field("gateway", detail::join(b->gateways, " "), detail::join(a->gateways, " "));
    field("calling number", b->calling_number, a->calling_number);
    field("psap", b->psap, a->psap);
    field("correct", correct(b), correct(a));
    field("notification", b->notified, a->notified);
    field("gateways down", detail::join(b->gateways_down, " "), detail::join(a->gateways_down, " "));
    field("location class", to_string(b->location_class), to_string(a->location_class));
    field("screened", b->screened ? "yes" : "no", a->screened ? "yes" : "no");
    if (b->outcome == Outcome::routed && a->outcome != Outcome::routed)
        ch.worse = true, ch.worse_because = std::string("emergency call no longer routed (") + to_string(a->outcome) + ")";
    else if (correct(b) == "correct" && correct(a) != "correct")
        ch.worse = true, ch.worse_because = "reached the right PSAP before, now " + correct(a) + " (" + (a->psap.empty() ? "-" : a->psap) + ")";
    else if (b->notification && !a->notification) ch.worse = true, ch.worse_because = "notification lost";
}

// The down gateways a configuration has; an id neither configuration has is an error (named by `other`'s
// or this one's suggestion).
detail::Conditions down_in(const detail::Compiled& c, const detail::Compiled& other, const std::vector<std::string>& down) {
    std::vector<std::string> here;
    for (const auto& id : down) {
        if (c.cfg.find(Kind::gateway, id) != npos) here.push_back(id);
        else if (other.cfg.find(Kind::gateway, id) == npos) detail::conditions_down(c, {id});  // throws, with a suggestion
    }
    return detail::conditions_down(c, here);
}

}  // namespace

DiffResult diff(const Config& before, const Config& after, const LintOptions& options) { return diff(before, after, options, {}); }

DiffResult diff(const Config& before, const Config& after, const LintOptions& options, const std::vector<std::string>& down) {
    DiffResult d;
    detail::Compiled cb(before), ca(after);
    const detail::Conditions when_b = down_in(cb, ca, down), when_a = down_in(ca, cb, down);
    std::map<std::string, NamedCell> keys;
    for (const auto* c : {&cb, &ca})
        for (const auto& cell : detail::matrix_cells(*c)) {
            NamedCell n = name(*c, cell);
            keys.emplace(std::string(to_string(n.platform)) + "|" + n.site + "|" + n.location + "|" + n.user + "|" + n.dialed, n);
        }
    for (const auto& [key, n] : keys) {
        OutcomeChange ch;
        ch.key = key;
        if (auto cell = resolve(cb, n)) ch.before = detail::to_row(detail::simulate_cell(cb, *cell, false, &when_b));
        if (auto cell = resolve(ca, n)) ch.after = detail::to_row(detail::simulate_cell(ca, *cell, false, &when_a));
        compare(ch);
        if (!ch.changes.empty()) d.outcomes.push_back(std::move(ch));
    }
    auto lb = lint(before, options), la = lint(after, options);
    std::set<std::string> fb, fa;
    for (const auto& f : lb) fb.insert(f.fingerprint);
    for (const auto& f : la) fa.insert(f.fingerprint);
    for (const auto& f : la)
        if (!fb.count(f.fingerprint)) d.added.push_back(f);
    for (const auto& f : lb)
        if (!fa.count(f.fingerprint)) d.fixed.push_back(f);
    return d;
}

}  // namespace e911
