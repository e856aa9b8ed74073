// Matrix cells (what to simulate) separate from simulating them, so the PSAP lint rules and
// the matrix command walk the same cells.
#pragma once
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

std::vector<Cell> matrix_cells(const Compiled& c);
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
