// Matrix cells (what to simulate) separate from simulating them, so the PSAP lint rules and
// the matrix command walk the same cells.
#pragma once
#include <set>
#include <string>
#include <vector>

#include "compile/compiled.hpp"
#include "e911/matrix.hpp"

namespace e911::detail {

struct Cell {
    Platform platform;
    std::uint32_t site;      // npos: no known site
    std::uint32_t location;  // npos: no LIS location
    LocationSource location_source;
    std::uint32_t user;      // npos: site policies only
    std::string dialed;
};

// Every cell, site by site in the configuration's order, then the callers in no known site.
std::vector<Cell> matrix_cells(const Compiled& c);
// The same, a part at a time (a million-subnet configuration has millions of cells): what every
// site's cells need, one site's cells, and the no-site callers' cells, each appended to `out`.
struct CellPlan {
    std::set<Platform> platforms;     // in use
    std::vector<char> site_unmapped;  // per site: a subnet without a LIS entry (callers with no location)
};
CellPlan plan_cells(const Compiled& c);
void site_cells(const Compiled& c, const CellPlan& plan, std::uint32_t site, std::vector<Cell>& out);
void no_site_cells(const Compiled& c, std::vector<Cell>& out);
Trace simulate_cell(const Compiled& c, const Cell& cell, bool detail = true);
struct Conditions;
// The same with gateways down (`when` may be null: all up).
Trace simulate_cell(const Compiled& c, const Cell& cell, bool detail, const Conditions* when);
// The same into `out` and `d`, whose storage is reused: a loop over many cells allocates far less.
struct Decisions;
void simulate_cell_into(Trace& out, Decisions& d, const Compiled& c, const Cell& cell, Explain explain,
                        const Conditions* when = nullptr);
MatrixRow to_row(const Trace& t);

}  // namespace e911::detail
