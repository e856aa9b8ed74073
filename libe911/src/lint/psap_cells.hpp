// The simulated emergency calls behind the PSAP rules (psap-mismatch, psap-relay): which matrix
// cells reach a wrong PSAP or a relay centre, grouped per caller place and PSAP reached.
#pragma once
#include <map>
#include <set>
#include <string>

#include "lint/rule.hpp"
#include "questions/matrix_core.hpp"

namespace e911::detail {

// An emergency call of a matrix cell that reaches a wrong PSAP or, from a placed caller, a relay centre.
struct PsapHit {
    Cell cell;
    std::string location;  // the caller's LIS location (empty: none)
    std::string psap;      // the PSAP reached
    bool wrong_psap = false;
    bool placed_relay = false;
};

// What the PSAP rules quote from a group's first call, simulated with its reasons. Only these are
// kept: a whole Trace per group was 0.2 GB of lint's peak at a million subnets.
struct PsapCall {
    std::string location;              // the caller's LIS location (empty: none)
    std::string address;               // its civic address
    std::string psap;                  // the PSAP reached
    std::string gateway;               // the gateway that decides it
    std::vector<std::string> expected; // the PSAPs that serve the address
    std::string reason;                // why this PSAP: the gateway's routing and what it routed on
};

struct PsapCallGroup {
    const Cell* cell = nullptr;
    PsapCall call;  // the first call's
    std::set<std::string> dialed;
};

// The site or user a matrix cell places the caller at, and where it is declared.
std::string who(const Config& cfg, const Cell& cell);
SourcePos who_pos(const Config& cfg, const Cell& cell);
// Emergency calls grouped per (caller place, PSAP reached), so one finding lists the numbers;
// `relay`: placed callers reaching the relay centre, else callers reaching a wrong PSAP.
std::map<std::string, PsapCallGroup> groups(const LintContext& x, bool relay);
// Attaches the gateway that decides the PSAP, the caller's location and the PSAP reached.
void relate_route(Emit& emit, Finding& f, const Config& cfg, const PsapCall& call);

}  // namespace e911::detail
