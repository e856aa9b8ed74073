// The report's data: the matrix (the same cells as matrix()) simulated once more keeping the policies
// each call used, plus lint. Written compactly so 20,000 sites stay a file a browser opens: strings
// and configuration objects are interned, a heat-map row is a caller's place, a column a platform and
// number, and what a call did (its "flow") is shared by every cell that did the same.
#include <map>
#include <set>
#include <unordered_map>

#include "e911/report.hpp"
#include "e911/version.hpp"
#include "questions/matrix_core.hpp"
#include "report/html.hpp"
#include "report/tables.hpp"

namespace e911::detail {
namespace {

class Interner {
public:
    int operator()(const std::string& s) {
        auto [it, fresh] = index_.emplace(s, static_cast<int>(list_.size()));
        if (fresh) list_.push_back(s);
        return it->second;
    }
    json list() const { return json(list_); }

private:
    std::unordered_map<std::string, int> index_;
    std::vector<std::string> list_;
};

template <class T>
const Positions* positions(const std::vector<T>& v, std::uint32_t i) {
    return i < v.size() ? &v[i].pos : nullptr;
}

const Positions* positions(const Config& c, Kind k, std::uint32_t i) {
    switch (k) {
        case Kind::address: return positions(c.addresses, i);
        case Kind::location: return positions(c.locations, i);
        case Kind::region: return positions(c.regions, i);
        case Kind::site: return positions(c.sites, i);
        case Kind::emergency_calling_policy: return positions(c.emergency_calling_policies, i);
        case Kind::emergency_call_routing_policy: return positions(c.emergency_call_routing_policies, i);
        case Kind::location_policy: return positions(c.location_policies, i);
        case Kind::pstn_usage: return positions(c.pstn_usages, i);
        case Kind::gateway: return positions(c.gateways, i);
        case Kind::route: return positions(c.routes, i);
        case Kind::routing_policy: return positions(c.routing_policies, i);
        case Kind::dial_plan: return positions(c.dial_plans, i);
        case Kind::user: return positions(c.users, i);
        case Kind::psap: return positions(c.psaps, i);
        default: return nullptr;
    }
}

// Configuration objects as [kind, id, file, line] (file a string index, -1 when unknown), interned.
class Objects {
public:
    Objects(const Config& c, Interner& strings) : cfg_(c), strings_(strings) {}
    json cite(Kind kind, const std::string& id) {
        if (id.empty()) return nullptr;
        std::string key = std::string(to_string(kind)) + "/" + id;
        auto it = index_.find(key);
        if (it != index_.end()) return it->second;
        int file = -1, line = 0;
        std::uint32_t i = cfg_.find(kind, id);
        if (const Positions* p = i != npos ? positions(cfg_, kind, i) : nullptr; p && p->self.known()) {
            file = strings_(cfg_.file_of(p->self));
            line = static_cast<int>(p->self.line);
        }
        list_.push_back(json::array({strings_(to_string(kind)), strings_(id), file, line}));
        return index_[key] = static_cast<int>(list_.size() - 1);
    }
    json list() const { return list_; }

private:
    const Config& cfg_;
    Interner& strings_;
    std::unordered_map<std::string, int> index_;
    json list_ = json::array();
};

json strings_of(const std::vector<std::string>& v, Interner& s) {
    json a = json::array();
    for (const auto& x : v) a.push_back(s(x));
    return a;
}

// Who is told of the call: per site in practice, so kept apart from the flow (which is then shared
// by every site of a region).
json notice_of(const Trace& t, Objects& obj, Interner& s) {
    std::string mode = "none";
    std::vector<std::string> who;
    if (t.notifications) {
        const auto& n = *t.notifications;
        mode = to_string(n.mode);
        who = n.group;
        if (!n.dial_out.empty()) who.push_back(n.dial_out);
        who.insert(who.end(), n.uris.begin(), n.uris.end());
        if (!n.conference_uri.empty()) who.push_back(n.conference_uri);
    }
    return json::array({obj.cite(Kind::emergency_calling_policy, t.policies.emergency_calling), s(mode), strings_of(who, s)});
}

// What one call did beyond where it was placed: shared by all cells that did the same.
json flow_of(const Trace& t, int notice, Objects& obj, Interner& s) {
    const auto& p = t.policies;
    json gateways = json::array();
    for (const auto& g : t.gateways) gateways.push_back(obj.cite(Kind::gateway, g));
    return json::array({s(outcome_class(t.outcome, t.psap_relay, t.psap_correct)), s(to_string(t.outcome)),
                        s(t.dial_string), notice, obj.cite(Kind::emergency_call_routing_policy, p.emergency_call_routing),
                        obj.cite(Kind::location_policy, p.location), obj.cite(Kind::routing_policy, p.routing),
                        obj.cite(Kind::dial_plan, p.dial_plan), obj.cite(Kind::pstn_usage, t.pstn_usage),
                        obj.cite(Kind::route, t.route), gateways, obj.cite(Kind::psap, t.psap),
                        strings_of(t.psap_expected, s),
                        t.normalized == t.dialed ? json(nullptr) : json(s(t.normalized)),
                        // how the call leaves, where its location came from, whether a relay centre screens it
                        t.pstn ? json(s(to_string(*t.pstn))) : json(nullptr), s(to_string(t.location_class)),
                        t.screened});
}

json summary_of(const Config& cfg, const std::vector<Finding>& findings, const std::map<std::string, int>& classes,
                std::size_t cells, std::size_t numbers) {
    auto sum = summarize(findings);
    json c = json::object();
    for (const char* k : {"correct", "relay", "wrong", "unverified", "not_routed", "not_enabled"}) {
        auto it = classes.find(k);
        c[k] = it == classes.end() ? 0 : it->second;
    }
    return {{"name", cfg.name},
            {"files", cfg.files},
            {"regions", cfg.regions.size()},
            {"sites", cfg.sites.size()},
            {"locations", cfg.locations.size()},
            {"users", cfg.users.size()},
            {"numbers", numbers},
            {"cells", cells},
            {"outcomes", c},
            {"findings", {{"error", sum.errors}, {"warning", sum.warnings}, {"info", sum.infos},
                          {"waived", sum.waived}, {"baselined", sum.baselined}}}};
}

}  // namespace

json findings_json(const std::vector<Finding>& fs, json& docs) {
    Interner strings;  // rules, files and hints repeat across thousands of findings: written once each
    json a = json::array();
    for (const auto& f : fs) {
        std::string accepted = f.waived ? "waived: " + f.waived->reason : f.baselined ? "baselined" : "";
        a.push_back(json::array({strings(to_string(f.severity)), strings(f.rule), f.target, strings(f.file), f.line,
                                 f.message, strings(f.hint), strings(accepted)}));
        if (!docs.contains(f.rule)) docs[f.rule] = rule_doc(f.rule);
    }
    return {{"strings", strings.list()}, {"rows", std::move(a)}};
}

json report_data(const Config& cfg, const LintOptions& options) {
    Simulator sim(cfg);
    const Compiled& c = sim.compiled();
    Interner strings;
    Objects objects(cfg, strings);
    std::unordered_map<std::string, int> rows, columns, flows, notices;
    json rows_j = json::array(), columns_j = json::array(), flows_j = json::array(), notices_j = json::array();
    json cells = json::array();
    std::map<std::string, int> classes;
    std::set<std::string> numbers;
    auto cells_in = matrix_cells(c);
    for (const auto& cell : cells_in) {
        Trace t = simulate_cell(c, cell, false);
        std::string region = cell.site != npos ? cfg.sites[cell.site].region.id : "";
        std::string rkey = t.site + '\n' + t.location + '\n' + t.user;
        auto r = rows.emplace(rkey, static_cast<int>(rows_j.size()));
        if (r.second)
            rows_j.push_back(json::array({objects.cite(Kind::region, region), objects.cite(Kind::site, t.site),
                                          objects.cite(Kind::location, t.location), objects.cite(Kind::user, t.user),
                                          strings(t.address), strings(to_string(t.location_source))}));
        std::string ckey = std::string(to_string(t.platform)) + '\n' + t.dialed;
        auto col = columns.emplace(ckey, static_cast<int>(columns_j.size()));
        if (col.second) columns_j.push_back(json::array({to_string(t.platform), t.dialed}));
        json notice = notice_of(t, objects, strings);
        auto nt = notices.emplace(notice.dump(), static_cast<int>(notices_j.size()));
        if (nt.second) notices_j.push_back(std::move(notice));
        json flow = flow_of(t, nt.first->second, objects, strings);
        auto f = flows.emplace(flow.dump(), static_cast<int>(flows_j.size()));
        if (f.second) flows_j.push_back(std::move(flow));
        cells.push_back(r.first->second);
        cells.push_back(col.first->second);
        cells.push_back(f.first->second);
        cells.push_back(strings(t.calling_number));
        cells.push_back(strings(t.elin));
        ++classes[outcome_class(t.outcome, t.psap_relay, t.psap_correct)];
        numbers.insert(t.dialed);
    }
    auto findings = lint(cfg, options);
    json docs = json::object();
    json data = {{"kind", "report"}, {"version", version()}};
    data["summary"] = summary_of(cfg, findings, classes, cells_in.size(), numbers.size());
    data["findings"] = findings_json(findings, docs);
    data["rule_docs"] = std::move(docs);
    data["rows"] = std::move(rows_j);
    data["columns"] = std::move(columns_j);
    data["flows"] = std::move(flows_j);
    data["notices"] = std::move(notices_j);
    data["cells"] = std::move(cells);
    data["objects"] = objects.list();
    data["strings"] = strings.list();  // last: every interning above is done
    return data;
}

}  // namespace e911::detail

namespace e911 {

std::string report_data_json(const Config& config, const LintOptions& options, int indent) {
    return detail::report_data(config, options).dump(indent, ' ', false, detail::json::error_handler_t::replace);
}

std::string report_html(const Config& config, const LintOptions& options) {
    std::string title = "e911 report" + (config.name.empty() ? std::string() : ": " + config.name);
    return detail::html_page(title, detail::report_data(config, options));
}

}  // namespace e911
