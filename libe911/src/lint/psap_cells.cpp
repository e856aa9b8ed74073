#include "lint/psap_cells.hpp"

#include "simulate/decisions.hpp"
#include "util/parallel.hpp"

#include <algorithm>
#include <atomic>
#include <iterator>
#include <vector>

namespace e911::detail {

namespace {
bool placed(const Cell& cell, const Trace& t) { return cell.site != npos || !t.location.empty(); }
bool wrong_psap(const Trace& t) { return t.psap_correct && !*t.psap_correct && !t.psap_relay && !t.psap.empty(); }
// Off-network callers (no site, no location) reaching the relay centre is the designed behaviour
// of location routing; the relay rule is about callers the LIS should have placed.
bool placed_relay(const Cell& cell, const Trace& t) { return t.psap_relay && placed(cell, t); }

// Every matrix cell is simulated without explanations; only the calls that will become findings
// are kept (a large config has few of them), and only one per finding is simulated again with the
// reasons its message quotes (groups()).
std::vector<PsapHit> problem_cells(const Compiled& c) {
    // The cells are made where they are simulated, a run of consecutive sites at a time, so a
    // million-subnet configuration's millions of cells are never all held (160 MB at XL), and
    // making them is shared by the workers too. Compiled is read-only (its memo is per thread).
    // The runs are taken in turn and their hits kept apart, to be joined in the cells' order;
    // the last run is the callers in no known site.
    constexpr std::uint32_t kSites = 8;  // about 250 cells: one worker keeps those sites' data in its cache
    const CellPlan plan = plan_cells(c);
    const std::uint32_t sites = static_cast<std::uint32_t>(c.cfg.sites.size());
    const std::size_t runs = (sites + kSites - 1) / kSites + 1;
    std::vector<std::vector<PsapHit>> hits(runs);
    std::atomic<std::size_t> next{0};
    on_workers(workers_for(sites, 200), [&](unsigned) {
        Trace t;  // reused: a cell's simulation then allocates next to nothing
        Decisions d;
        std::vector<Cell> cells;
        for (std::size_t r; (r = next++) < runs;) {
            cells.clear();
            if (r + 1 == runs)
                no_site_cells(c, cells);
            else
                for (auto s = static_cast<std::uint32_t>(r * kSites); s < std::min<std::size_t>(sites, (r + 1) * kSites); ++s)
                    site_cells(c, plan, s, cells);
            for (auto& cell : cells) {
                simulate_cell_into(t, d, c, cell, Explain::none);
                if (!t.emergency || t.gateways.empty()) continue;
                bool wrong = wrong_psap(t), relay = placed_relay(cell, t);
                if (!wrong && !relay) continue;
                hits[r].push_back(PsapHit{std::move(cell), t.location, t.psap, wrong, relay});
            }
        }
    });
    std::vector<PsapHit> found;
    for (auto& run : hits) std::move(run.begin(), run.end(), std::back_inserter(found));
    return found;
}
}  // namespace

const std::vector<PsapHit>& LintContext::psap_problem_cells() const {
    std::call_once(psap_cells_once_, [&] { psap_cells_ = std::make_shared<std::vector<PsapHit>>(problem_cells(c)); });
    return *psap_cells_;
}

std::string who(const Config& cfg, const Cell& cell) {
    if (cell.site != npos) return target(Kind::site, cfg.sites[cell.site].id);
    if (cell.user != npos) return target(Kind::user, cfg.users[cell.user].id);
    return "config/matrix";
}
SourcePos who_pos(const Config& cfg, const Cell& cell) {
    if (cell.site != npos) return cfg.sites[cell.site].pos.self;
    if (cell.user != npos) return cfg.users[cell.user].pos.self;
    return {};
}

std::map<std::string, PsapCallGroup> groups(const LintContext& x, bool relay) {
    std::map<std::string, PsapCallGroup> g;
    std::vector<PsapCallGroup*> fresh_groups;
    for (const auto& h : x.psap_problem_cells()) {
        if (!(relay ? h.placed_relay : h.wrong_psap)) continue;
        const Cell& cell = h.cell;
        std::string key = std::string(to_string(cell.platform)) + "|" + who(x.cfg, cell) + "|" + h.location + "|" + h.psap;
        auto [it, fresh] = g.try_emplace(key);
        if (fresh) it->second.cell = &cell, fresh_groups.push_back(&it->second);
        it->second.dialed.insert(cell.dialed);
    }
    // The first call of each group speaks for it: simulated again, with the reasons, on every core
    // (a large tenant has hundreds of thousands of groups; map entries do not move).
    const unsigned workers = workers_for(fresh_groups.size(), 256);
    on_workers(workers, [&](unsigned w) {
        Trace t;  // reused, as in problem_cells()
        Decisions d;
        for (std::size_t i = w; i < fresh_groups.size(); i += workers) {
            simulate_cell_into(t, d, x.c, *fresh_groups[i]->cell, Explain::reasons);
            fresh_groups[i]->call = PsapCall{t.location, t.address, t.psap, t.gateways.empty() ? std::string() : t.gateways.front(),
                                             t.psap_expected, t.psap_reason};
        }
    });
    return g;
}

void relate_route(Emit& emit, Finding& f, const Config& cfg, const PsapCall& call) {
    auto gw = cfg.find(Kind::gateway, call.gateway);
    if (gw != npos) emit.related(f, target(Kind::gateway, cfg.gateways[gw].id), cfg.gateways[gw].pos.of("emergency_routing"), "decides the PSAP");
    if (!call.location.empty()) {
        auto l = cfg.find(Kind::location, call.location);
        emit.related(f, target(Kind::location, call.location), cfg.locations[l].pos.self, "caller's location");
    }
    if (!call.psap.empty()) {
        auto p = cfg.find(Kind::psap, call.psap);
        if (p != npos) emit.related(f, target(Kind::psap, call.psap), cfg.psaps[p].pos.self, "reached");
    }
}

}  // namespace e911::detail
