#include "lint/psap_cells.hpp"

#include "simulate/decisions.hpp"
#include "util/parallel.hpp"

#include <algorithm>
#include <atomic>
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
    auto cells = matrix_cells(c);
    // The cells are independent and Compiled is read-only (its memo is per thread): the workers take
    // runs of consecutive cells (one site's, mostly), so each core keeps that site's data in its own
    // cache, and the hits of each run are kept apart to be joined in cell order.
    constexpr std::size_t kRun = 256;
    const std::size_t runs = (cells.size() + kRun - 1) / kRun;
    std::vector<std::vector<std::pair<std::size_t, PsapHit>>> hits(runs);
    std::atomic<std::size_t> next{0};
    on_workers(workers_for(cells.size(), 5000), [&](unsigned) {
        Trace t;  // reused: a cell's simulation then allocates next to nothing
        Decisions d;
        for (std::size_t r; (r = next++) < runs;)
            for (std::size_t i = r * kRun; i < std::min(cells.size(), (r + 1) * kRun); ++i) {
                simulate_cell_into(t, d, c, cells[i], Explain::none);
                if (!t.emergency || t.gateways.empty()) continue;
                bool wrong = wrong_psap(t), relay = placed_relay(cells[i], t);
                if (!wrong && !relay) continue;
                auto& hit = hits[r].emplace_back(i, PsapHit{}).second;  // its cell is moved in below
                hit.location = t.location, hit.psap = t.psap, hit.wrong_psap = wrong, hit.placed_relay = relay;
            }
    });
    std::vector<PsapHit> found;
    for (auto& run : hits)
        for (auto& [i, hit] : run) {
            hit.cell = std::move(cells[i]);
            found.push_back(std::move(hit));
        }
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
        Decisions d;
        for (std::size_t i = w; i < fresh_groups.size(); i += workers)
            simulate_cell_into(fresh_groups[i]->trace, d, x.c, *fresh_groups[i]->cell, Explain::reasons);
    });
    return g;
}

void relate_route(Emit& emit, Finding& f, const Config& cfg, const Trace& t) {
    auto gw = cfg.find(Kind::gateway, t.gateways.front());
    if (gw != npos) emit.related(f, target(Kind::gateway, cfg.gateways[gw].id), cfg.gateways[gw].pos.of("emergency_routing"), "decides the PSAP");
    if (!t.location.empty()) {
        auto l = cfg.find(Kind::location, t.location);
        emit.related(f, target(Kind::location, t.location), cfg.locations[l].pos.self, "caller's location");
    }
    if (!t.psap.empty()) {
        auto p = cfg.find(Kind::psap, t.psap);
        if (p != npos) emit.related(f, target(Kind::psap, t.psap), cfg.psaps[p].pos.self, "reached");
    }
}

}  // namespace e911::detail
