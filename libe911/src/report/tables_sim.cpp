// Simulation answers as tables: traces, callbacks, batch rows, matrix rows and a diff.
#include "report/tables.hpp"

#include <iterator>
#include <utility>
#include <stdexcept>

#include "report/batch_row.hpp"
#include "util/text_util.hpp"

namespace e911 {
namespace detail {

std::string outcome_name(const Trace& t) { return to_string(t.outcome); }
std::string outcome_name(const MatrixRow& r) { return to_string(r.outcome); }
std::string notification_mode(const Notifications& n) { return to_string(n.mode); }

namespace {
constexpr auto S = CellType::string;
constexpr auto I = CellType::integer;
constexpr auto B = CellType::boolean;
constexpr auto L = CellType::strings;

Cell optional_bool(const std::optional<bool>& b) { return b ? cell_bool(*b) : Cell{}; }

const char* kOutcomes = "routed, no_route, not_enabled, not_emergency_routed or not_emergency_no_route";
const char* kLocationClasses = "lis, user_confirmed, os_unconfirmed, user_entered, static or none";
}  // namespace

const std::vector<Column>& matrix_columns() {
    static const std::vector<Column> columns = {
        col("site", S, true, "the caller's network site; null for a caller in no known site"),
        col("location", S, true, "the LIS location; null when none is found"),
        col("address", S, true, "the civic address sent to the PSAP"),
        col("user", S, true, "the user whose policies apply (no-site rows)"),
        col("platform", S, false, "teams or sfb"),
        col("dialed", S, false, "the emergency string dialled"),
        col("dial_string", S, true, "the emergency dial string it matched"),
        col("emergency", B, false, "recognised as an emergency call"),
        col("outcome", S, false, kOutcomes),
        col("route", S, true, "the voice route chosen"),
        col("gateways", L, false, "the route's gateways in order"),
        col("calling_number", S, true, "the number the PSAP sees"),
        col("psap", S, true, "the PSAP the call reaches"),
        col("psap_relay", B, false, "reaches a national relay centre"),
        col("psap_expected", L, false, "the PSAPs that serve the caller's address"),
        col("psap_correct", B, true, "reaches an expected PSAP; null when unknown"),
        col("notified", S, false, "\"mode: who, ...\" or \"nobody\""),
        col("notification", B, false, "somebody is notified"),
        col("gateways_down", L, false, "gateways of the routes tried that were skipped because they are down"),
        col("pstn", S, true, "direct_routing, calling_plan or operator_connect; null for Skype for Business"),
        col("location_class", S, false, "where the location came from: " + std::string(kLocationClasses)),
        col("screened", B, false, "a relay centre answers the call before a PSAP"),
    };
    return columns;
}

std::vector<Cell> matrix_cells(const MatrixRow& r) {
    return {cell_text_or_null(r.site),
            cell_text_or_null(r.location),
            cell_text_or_null(r.address),
            cell_text_or_null(r.user),
            cell_text(to_string(r.platform)),
            cell_text(r.dialed),
            cell_text_or_null(r.dial_string),
            cell_bool(r.emergency),
            cell_text(outcome_name(r)),
            cell_text_or_null(r.route),
            cell_strings(r.gateways),
            cell_text_or_null(r.calling_number),
            cell_text_or_null(r.psap),
            cell_bool(r.psap_relay),
            cell_strings(r.psap_expected),
            optional_bool(r.psap_correct),
            cell_text(r.notified),
            cell_bool(r.notification),
            cell_strings(r.gateways_down),
            r.pstn ? cell_text(to_string(*r.pstn)) : Cell{},
            cell_text(to_string(r.location_class)),
            cell_bool(r.screened)};
}

const std::vector<Column>& trace_columns() {
    static const std::vector<Column> columns = {
        col("dialed", S, false, "the digits dialled"),
        col("normalized", S, false, "after the dial plan"),
        col("emergency", B, false, "recognised as an emergency call"),
        col("dial_string", S, true, "the emergency dial string it matched"),
        col("platform", S, false, "teams or sfb"),
        col("trusted", B, true, "the caller's public address is a trusted IP (Teams)"),
        col("user", S, true, "the caller's user id"),
        col("site", S, true, "the network site the caller is in"),
        col("location", S, true, "the LIS location found"),
        col("location_source", S, true, "wireless_access_point, port, switch or lis_subnet"),
        col("address", S, true, "the civic address sent"),
        nested("policies", CellType::record, false, "EffectivePolicies",
               {col("emergency_calling", S, true, "Teams emergency calling policy"),
                col("emergency_call_routing", S, true, "Teams emergency call routing policy"),
                col("location", S, true, "Skype for Business location policy"),
                col("routing", S, true, "routing policy"), col("dial_plan", S, true, "dial plan")},
               "the policies in effect"),
        col("pstn_usage", S, true, "the PSTN usage that matched"),
        col("route", S, true, "the voice route chosen"),
        col("gateways", L, false, "the route's gateways in order"),
        col("calling_number", S, true, "the number the PSAP sees"),
        col("elin", S, true, "the ELIN sent"),
        col("psap", S, true, "the PSAP the call reaches"),
        col("psap_reason", S, true, "why this PSAP: the gateway's routing and what it routed on"),
        col("psap_relay", B, false, "reaches a national relay centre"),
        col("psap_expected", L, false, "the PSAPs that serve the caller's address"),
        col("psap_correct", B, true, "reaches an expected PSAP; null when unknown"),
        nested("notifications", CellType::record, true, "Notifications",
               {col("mode", S, false, "none, notification_only or a conference mode"),
                col("group", L, false, "notification group members"), col("dial_out", S, true, "number dialled out"),
                col("uris", L, false, "other notified SIP URIs"), col("conference_uri", S, true, "conference URI"),
                col("anyone", B, false, "somebody is notified"),
                col("muted", B, true, "conferenced parties are muted; null when nobody is conferenced in")},
               "who is told about the call; null for a non-emergency call"),
        col("outcome", S, false, kOutcomes),
        col("pidf_lo", S, true, "the PIDF-LO document sent"),
        nested("trace", CellType::records, false, "TraceStep",
               {col("step", S, false, "the decision"), col("result", S, false, "what was decided"),
                col("because", S, false, "why"), col("file", S, true, "configuration file behind it"),
                col("line", I, true, "its line")},
               "the decisions step by step"),
        col("gateways_down", L, false, "gateways of the routes tried that were skipped because they are down"),
        col("pstn", S, true, "direct_routing, calling_plan or operator_connect; null for Skype for Business"),
        col("location_class", S, false, "where the location came from: " + std::string(kLocationClasses)),
        col("screened", B, false, "a relay centre answers the call before a PSAP"),
    };
    return columns;
}

std::vector<Cell> trace_cells(const Trace& t) {
    Cell notifications;
    if (t.notifications) {
        const auto& n = *t.notifications;
        notifications =
            cell_list({cell_text(notification_mode(n)), cell_strings(n.group), cell_text_or_null(n.dial_out),
                       cell_strings(n.uris), cell_text_or_null(n.conference_uri), cell_bool(n.anyone()),
                       optional_bool(n.muted())});
    }
    std::vector<Cell> steps;
    steps.reserve(t.trace.size());
    for (const auto& s : t.trace)
        steps.push_back(cell_list({cell_text(s.step), cell_text(s.result), cell_text(s.because),
                                   cell_text_or_null(s.file), s.line ? cell_int(s.line) : Cell{}}));
    const auto& p = t.policies;
    return {cell_text(t.dialed),
            cell_text(t.normalized),
            cell_bool(t.emergency),
            cell_text_or_null(t.dial_string),
            cell_text(to_string(t.platform)),
            optional_bool(t.trusted),
            cell_text_or_null(t.user),
            cell_text_or_null(t.site),
            cell_text_or_null(t.location),
            t.location_source == LocationSource::none ? Cell{} : cell_text(to_string(t.location_source)),
            cell_text_or_null(t.address),
            cell_list({cell_text_or_null(p.emergency_calling), cell_text_or_null(p.emergency_call_routing),
                       cell_text_or_null(p.location), cell_text_or_null(p.routing), cell_text_or_null(p.dial_plan)}),
            cell_text_or_null(t.pstn_usage),
            cell_text_or_null(t.route),
            cell_strings(t.gateways),
            cell_text_or_null(t.calling_number),
            cell_text_or_null(t.elin),
            cell_text_or_null(t.psap),
            cell_text_or_null(t.psap_reason),
            cell_bool(t.psap_relay),
            cell_strings(t.psap_expected),
            optional_bool(t.psap_correct),
            std::move(notifications),
            cell_text(outcome_name(t)),
            cell_text_or_null(t.pidf_lo),
            cell_list(std::move(steps)),
            cell_strings(t.gateways_down),
            t.pstn ? cell_text(to_string(*t.pstn)) : Cell{},
            cell_text(to_string(t.location_class)),
            cell_bool(t.screened)};
}

const std::vector<Column>& callback_columns() {
    static const std::vector<Column> columns = {
        col("kind", S, false, "always \"callback\""),
        col("elin", S, false, "the ELIN the PSAP calls back"),
        col("time", I, false, "when, in epoch seconds"),
        col("rings", S, true, "the user the gateway sends the callback to; null = nobody"),
        col("rings_number", S, true, "that caller's own number"),
        col("gateway", S, true, "the gateway that remembers the ELIN"),
        col("window_minutes", I, true, "the gateway's callback window"),
        col("minutes_since_call", I, true, "minutes since that emergency call ended"),
        col("because", S, false, "why"),
    };
    return columns;
}

std::vector<Cell> callback_cells(const CallbackAnswer& a) {
    return {cell_text("callback"),
            cell_text(a.elin),
            cell_int(a.time),
            cell_text_or_null(a.rings_user),
            cell_text_or_null(a.rings_number),
            cell_text_or_null(a.gateway),
            a.window_minutes ? cell_int(a.window_minutes) : Cell{},
            a.minutes_since_call ? cell_int(*a.minutes_since_call) : Cell{},
            cell_text(a.because)};
}

const std::vector<Column>& batch_columns() {
    static const std::vector<Column> columns = [] {
        const std::pair<BatchColumn, Column> listed[] = {
            {BatchColumn::row, col("row", I, false, "input row number, from 1")},
            {BatchColumn::kind, col("kind", S, true, "call or callback")},
            {BatchColumn::time, col("time", I, true, "epoch seconds")},
            {BatchColumn::user, col("user", S, true, "the caller's user id")},
            {BatchColumn::dialed, col("dialed", S, true, "the digits dialled")},
            {BatchColumn::platform, col("platform", S, true, "teams or sfb")},
            {BatchColumn::emergency, col("emergency", B, true, "recognised as an emergency call")},
            {BatchColumn::dial_string, col("dial_string", S, true, "emergency dial string")},
            {BatchColumn::site, col("site", S, true, "network site")},
            {BatchColumn::location, col("location", S, true, "LIS location")},
            {BatchColumn::address, col("address", S, true, "civic address")},
            {BatchColumn::pstn_usage, col("pstn_usage", S, true, "PSTN usage")},
            {BatchColumn::route, col("route", S, true, "voice route")},
            {BatchColumn::gateways, col("gateways", L, false, "the route's gateways (callbacks: the gateway that remembers the ELIN)")},
            {BatchColumn::calling_number, col("calling_number", S, true, "the number the PSAP sees (callbacks: the ELIN)")},
            {BatchColumn::psap, col("psap", S, true, "PSAP reached")},
            {BatchColumn::psap_correct, col("psap_correct", B, true, "reaches an expected PSAP")},
            {BatchColumn::notified, col("notified", S, true, "notification mode or nobody")},
            {BatchColumn::outcome, col("outcome", S, true, kOutcomes)},
            {BatchColumn::rings, col("rings", S, true, "callbacks: who rings")},
            {BatchColumn::because, col("because", S, true, "callbacks: why")},
            {BatchColumn::error, col("error", S, true, "why the row could not be simulated")},
            {BatchColumn::gateways_down, col("gateways_down", L, true, "gateways skipped because they are down")},
            {BatchColumn::pstn, col("pstn", S, true, "direct_routing, calling_plan or operator_connect; null for Skype for Business")},
            {BatchColumn::location_class, col("location_class", S, true, kLocationClasses)},
            {BatchColumn::screened, col("screened", B, true, "a relay centre answers the call before a PSAP")},
        };
        // Each column next to the BatchColumn that names it, in order: a column added here and not
        // there (or out of order) would shift every value after it, so it stops the first batch instead.
        static_assert(sizeof(listed) / sizeof(listed[0]) == static_cast<std::size_t>(BatchColumn::count_));
        std::vector<Column> v;
        for (const auto& [id, column] : listed) {
            if (static_cast<std::size_t>(id) != v.size())
                throw std::logic_error("batch column `" + column.name + "` is out of BatchColumn's order");
            v.push_back(column);
        }
        return v;
    }();
    return columns;
}

namespace {
// Builds the typed cells of a batch row (the Table and Python view; the CLI writes CSV directly).
struct CellBuilder {
    Cell cell;
    void null() { cell = Cell{}; }
    void text(std::string_view s) { cell = cell_text(std::string(s)); }
    void text_or_null(std::string_view s) { cell = cell_text_or_null(std::string(s)); }
    void boolean(bool b) { cell = cell_bool(b); }
    void integer(long long n) { cell = cell_int(n); }
    void strings(const std::string* first, std::size_t n) { cell = cell_strings(std::vector<std::string>(first, first + n)); }
};
}  // namespace

std::vector<Cell> batch_cells(long long row, const CallRow& call, const Trace* trace, const CallbackAnswer* cb,
                              const std::string& error) {
    const BatchRowParts parts{row, call, trace, cb, error};
    std::vector<Cell> v(batch_columns().size());
    CellBuilder b;
    for (std::size_t i = 0; i < v.size(); ++i) {
        visit_batch_column(b, static_cast<BatchColumn>(i), parts);
        v[i] = std::move(b.cell);
    }
    return v;
}

}  // namespace detail

using namespace detail;

Table matrix_table(const std::vector<MatrixRow>& rows) {
    Table t{"MatrixRow",
            "one cell of the coverage matrix: site x location x dialled string x platform",
            matrix_columns(),
            {}};
    t.rows.reserve(rows.size());
    for (const auto& r : rows) t.rows.push_back(matrix_cells(r));
    return t;
}

Table traces_table(const std::vector<Trace>& traces) {
    Table t{"Trace", "a simulated call, step by step", trace_columns(), {}};
    for (const auto& x : traces) t.rows.push_back(trace_cells(x));
    return t;
}

Table callbacks_table(const std::vector<CallbackAnswer>& answers) {
    Table t{"CallbackAnswer", "who a PSAP callback to an ELIN reaches", callback_columns(), {}};
    for (const auto& a : answers) t.rows.push_back(callback_cells(a));
    return t;
}

Table diff_table(const DiffResult& d) {
    std::vector<Column> change = {col("key", S, false, "platform|site|location|user|dialed"),
                                  nested("before", CellType::record, true, "MatrixRow", matrix_columns(),
                                         "the row before; null for a new caller"),
                                  nested("after", CellType::record, true, "MatrixRow", matrix_columns(),
                                         "the row after; null for a removed caller"),
                                  col("changes", L, false, "\"field: before -> after\" lines"),
                                  col("worse", B, false, "the emergency outcome got worse"),
                                  col("worse_because", S, true, "why it is worse")};
    Table t{"Diff",
            "what a configuration change does to emergency outcomes and findings",
            {nested("outcomes", CellType::records, false, "OutcomeChange", change, "rows that changed"),
             nested("findings_added", CellType::records, false, "Finding", finding_columns(),
                    "findings only in the new configuration"),
             nested("findings_fixed", CellType::records, false, "Finding", finding_columns(),
                    "findings only in the old configuration"),
             col("worse", B, false, "an emergency outcome got worse")},
            {}};
    auto side = [](const std::optional<MatrixRow>& r) { return r ? cell_list(matrix_cells(*r)) : Cell{}; };
    std::vector<Cell> outcomes, added, fixed;
    for (const auto& o : d.outcomes)
        outcomes.push_back(cell_list({cell_text(o.key), side(o.before), side(o.after), cell_strings(o.changes),
                                      cell_bool(o.worse), cell_text_or_null(o.worse_because)}));
    for (const auto& f : d.added) added.push_back(cell_list(finding_cells(f)));
    for (const auto& f : d.fixed) fixed.push_back(cell_list(finding_cells(f)));
    t.rows.push_back({cell_list(std::move(outcomes)), cell_list(std::move(added)), cell_list(std::move(fixed)),
                      cell_bool(d.worse())});
    return t;
}

std::vector<Table> table_schemas() {
    std::vector<Table> v = {lint_report_table({}), validation_table({}), rules_table({}),         matrix_table({}),
                            traces_table({}),      callbacks_table({}),  diff_table(DiffResult{})};
    v.push_back(Table{"BatchRow", "one line of `e911 simulate --calls --format csv`", batch_columns(), {}});
    for (auto& t : v) t.rows.clear();
    return v;
}

}  // namespace e911
