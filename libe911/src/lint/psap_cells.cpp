#include "lint/psap_cells.hpp"

#include "simulate/decisions.hpp"

#include <algorithm>
#include <iterator>
#include <thread>
#include <vector>

namespace e911::detail {

namespace {
bool placed(const Cell& cell, const Trace& t) { return cell.site != npos || !t.location.empty(); }
bool wrong_psap(const Trace& t) { return t.psap_correct && !*t.psap_correct && !t.psap_relay && !t.psap.empty(); }
// Off-network callers (no site, no location) reaching the relay centre is the designed behaviour
// of location routing; the relay rule is about callers the LIS should have placed.
bool placed_relay(const Cell& cell, const Trace& t) { return t.psap_relay && placed(cell, t); }
}  // namespace

// Every matrix cell is simulated without explanations; only the cells that will become findings
// are kept (a large config has few of them), and only one per finding is simulated again with the
// reasons its message quotes (groups()).
const std::vector<std::pair<Cell, Trace>>& LintContext::psap_problem_cells() const {
    if (psap_cells_cache) return *psap_cells_cache;
    psap_cells_cache = std::make_shared<std::vector<std::pair<Cell, Trace>>>();
    auto cells = matrix_cells(c);
    // The cells are independent and Compiled is read-only (its memo is per thread): split them
    // across the machine's cores, then keep the hits in cell order.
    unsigned workers = std::max(1u, std::min(std::thread::hardware_concurrency(), static_cast<unsigned>(cells.size() / 5000 + 1)));
    std::vector<std::vector<std::pair<std::size_t, Trace>>> hits(workers);
    auto work = [&](unsigned w) {
        Trace t;  // reused: a cell's simulation then allocates next to nothing
        Decisions d;
        for (std::size_t i = w; i < cells.size(); i += workers) {
            simulate_cell_into(t, d, c, cells[i], Explain::none);
            if (t.emergency && !t.gateways.empty() && (wrong_psap(t) || placed_relay(cells[i], t))) hits[w].emplace_back(i, t);
        }
    };
    std::vector<std::thread> threads;
    for (unsigned w = 1; w < workers; ++w) threads.emplace_back(work, w);
    work(0);
    for (auto& th : threads) th.join();
    std::vector<std::pair<std::size_t, Trace>> all;
    for (auto& h : hits) std::move(h.begin(), h.end(), std::back_inserter(all));
    std::sort(all.begin(), all.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    psap_cells_cache->reserve(all.size());
    for (auto& [i, t] : all) psap_cells_cache->emplace_back(std::move(cells[i]), std::move(t));
    return *psap_cells_cache;
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
    for (const auto& [cell, t] : x.psap_problem_cells()) {
        if (!t.emergency || t.gateways.empty()) continue;
        bool hit = relay ? placed_relay(cell, t) : wrong_psap(t);
        if (!hit) continue;
        std::string key = std::string(to_string(cell.platform)) + "|" + who(x.cfg, cell) + "|" + t.location + "|" + t.psap;
        auto [it, fresh] = g.try_emplace(key);
        if (fresh) {  // the first call of the group speaks for it: simulated again, with the reasons
            it->second.cell = &cell;
            Decisions d;
            simulate_cell_into(it->second.trace, d, x.c, cell, Explain::reasons);
        }
        it->second.dialed.insert(cell.dialed);
    }
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
