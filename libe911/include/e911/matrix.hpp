// The coverage matrix (every site x LIS location x emergency number x platform) and config diff,
// both built on the simulator.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "e911/lint.hpp"
#include "e911/simulate.hpp"

namespace e911 {

struct MatrixRow {
    std::string site;      // empty: a caller in no known site (untrusted egress / unknown subnet)
    std::string location;  // empty: no LIS location found
    std::string address;
    std::string user;      // the user whose policies apply (no-site rows), else empty
    Platform platform = Platform::teams;
    std::string dialed;
    std::string dial_string;
    bool emergency = false;
    Outcome outcome = Outcome::not_emergency_no_route;
    std::string route;
    std::vector<std::string> gateways;
    std::string calling_number;
    std::string psap;
    bool psap_relay = false;
    std::vector<std::string> psap_expected;
    std::optional<bool> psap_correct;
    std::string notified;  // "conference_muted: a@x, +1..." or "nobody"
    bool notification = false;
    // gateways skipped because they were given as down (Trace::gateways_down)
    std::vector<std::string> gateways_down;
    // Trace::pstn, location_class, screened: how the call leaves and whether a relay centre screens it
    std::optional<PstnConnectivity> pstn;
    LocationClass location_class = LocationClass::none;
    bool screened = false;

    std::string key() const;  // platform|site|location|user|dialed: identifies the row across configs
};

std::vector<MatrixRow> matrix(const Simulator& simulator);
// The matrix with the gateways `down` unavailable (domain §7): what their failure does to every site.
// Throws UsageError naming an unknown gateway id.
std::vector<MatrixRow> matrix(const Simulator& simulator, const std::vector<std::string>& down);
std::string matrix_to_text(const std::vector<MatrixRow>& rows);
std::string matrix_to_json(const std::vector<MatrixRow>& rows, int indent = 2);
std::string matrix_to_csv(const std::vector<MatrixRow>& rows);

struct OutcomeChange {
    std::string key;
    std::optional<MatrixRow> before, after;  // nullopt: the caller does not exist on that side
    std::vector<std::string> changes;        // "route: a -> b", ...
    bool worse = false;
    std::string worse_because;
};

struct DiffResult {
    std::vector<OutcomeChange> outcomes;  // only rows that changed
    std::vector<Finding> added, fixed;    // lint findings by fingerprint
    bool worse() const;
};

DiffResult diff(const Config& before, const Config& after, const LintOptions& options = {});
// The same with the gateways `down` unavailable on both sides. An id must name a gateway of at least one
// configuration (else UsageError); a side without it simply has no such gateway to lose.
DiffResult diff(const Config& before, const Config& after, const LintOptions& options,
                const std::vector<std::string>& down);
std::string diff_to_text(const DiffResult& d);
std::string diff_to_json(const DiffResult& d, int indent = 2);

}  // namespace e911
