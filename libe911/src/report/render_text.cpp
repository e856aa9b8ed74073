// The text format: what a person reads in a terminal. One function per answer, the shared
// pieces (a position prefix, a severity in colour, aligned columns) once.
#include <algorithm>

#include "report/row_writer.hpp"
#include "report/tables.hpp"
#include "util/text_util.hpp"

namespace e911::detail {

namespace {

std::string severity_text(Severity s, bool color) {
    const char* c = s == Severity::error ? "\033[1;31m" : s == Severity::warning ? "\033[1;33m" : "\033[1;36m";
    return color ? std::string(c) + to_string(s) + "\033[0m" : std::string(to_string(s));
}

std::string at(const std::string& file, std::uint32_t line, std::uint32_t column) {
    return file + ":" + std::to_string(line) + ":" + std::to_string(column);
}

// One line of a table: cells padded to their column's width plus two spaces, the last unpadded.
void append_aligned(std::string& out, const std::vector<std::string>& row, const std::vector<std::size_t>& width) {
    for (std::size_t i = 0; i < row.size(); ++i) {
        out += row[i];
        if (i + 1 < row.size()) out.append(width[i] - row[i].size() + 2, ' ');
    }
    out += '\n';
}

std::string padded(const std::string& s, std::size_t width) {
    return s.size() < width ? s + std::string(width - s.size(), ' ') : s;
}

std::string or_dash(const std::string& s) { return s.empty() ? "-" : s; }

// The PSAP verdict in the matrix's words: yes, NO, relay or ? (unknown).
std::string correct_text(const MatrixRow& r) {
    if (!r.psap_correct) return "?";
    if (r.psap_relay) return "relay";
    return *r.psap_correct ? "yes" : "NO";
}

// The call-path facts as markers on the cells they qualify, only when they differ from the common case, so the
// table keeps its columns: a Microsoft-carried call names Microsoft as its route, a location not from the LIS
// carries its class, a screened call says so by its PSAP, a failover names the gateways skipped as down.
std::string route_text(const MatrixRow& r) {
    if (r.route.empty() && r.pstn && *r.pstn != PstnConnectivity::direct_routing)
        return *r.pstn == PstnConnectivity::calling_plan ? "Microsoft (Calling Plan)"
                                                           : "Microsoft (Operator Connect)";
    return or_dash(r.route);
}

std::string location_text(const MatrixRow& r) {
    if (r.location_class == LocationClass::lis || r.location_class == LocationClass::none) return or_dash(r.location);
    return or_dash(r.location) + " [" + to_string(r.location_class) + "]";
}

std::string gateway_text(const MatrixRow& r) {
    std::string g = r.gateways.empty() ? "-" : r.gateways.front() + (r.gateways.size() > 1 ? "+" : "");
    return r.gateways_down.empty() ? g : g + " (down: " + join(r.gateways_down, ",") + ")";
}

std::string psap_text(const MatrixRow& r) { return or_dash(r.psap) + (r.screened ? " (screened)" : ""); }

}  // namespace

void write_text_findings(const std::vector<Finding>& fs, bool color, const TextSink& write) {
    std::string out;
    for (const auto& f : fs) {
        out += at(f.file, f.line, f.column) + ": " + severity_text(f.severity, color);
        out += " [" + f.rule + "] " + f.message + " (" + f.target + ")";
        if (f.waived) out += " [waived until " + f.waived->expires + ": " + f.waived->reason + "]";
        if (f.baselined) out += f.baseline_reason.empty() ? " [baselined]" : " [baselined: " + f.baseline_reason + "]";
        out += "\n";
        if (!f.hint.empty()) out += "    hint: " + f.hint + "\n";
        for (const auto& r : f.related)
            out += "    related: " + r.target + (r.note.empty() ? "" : " (" + r.note + ")") + " at " +
                   at(r.file, r.line, r.column) + "\n";
        write_when_full(out, write);
    }
    auto s = summarize(fs);
    out += std::to_string(s.errors) + " error(s), " + std::to_string(s.warnings) + " warning(s), " +
           std::to_string(s.infos) + " info, " + std::to_string(s.waived) + " waived, " + std::to_string(s.baselined) +
           " baselined\n";
    write(out);
}

std::string text_findings(const std::vector<Finding>& fs, bool color) {
    return whole([&](const TextSink& write) { write_text_findings(fs, color, write); });
}

std::string text_diagnostics(const std::vector<Diagnostic>& ds, bool color) {
    std::string out;
    for (const auto& d : ds) {
        out += at(d.file, d.line, d.column) + ": " + severity_text(d.severity, color) + " [" + d.id + "] " + d.message +
               "\n";
        if (!d.hint.empty()) out += "    hint: " + d.hint + "\n";
    }
    return out;
}

namespace {
const std::vector<std::string> kMatrixHeads = {"SITE",    "LOCATION", "PLATFORM",       "DIALED", "OUTCOME", "ROUTE",
                                               "GATEWAY", "CALLING NUMBER", "PSAP", "CORRECT", "NOTIFIED"};

std::vector<std::string> matrix_text_cells(const MatrixRow& r) {
    std::string site = r.site.empty() ? "(no site" + (r.user.empty() ? std::string(")") : ": " + r.user + ")") : r.site;
    std::string dialed = r.dialed + (r.dial_string.empty() || r.dial_string == r.dialed ? "" : "->" + r.dial_string);
    return {site, location_text(r), to_string(r.platform), dialed, outcome_name(r), route_text(r),
            gateway_text(r), or_dash(r.calling_number), psap_text(r), correct_text(r), r.notified};
}
}  // namespace

void write_text_matrix(const std::vector<MatrixRow>& rows, const TextSink& write) {
    // Two readings of the rows: the widths, then the lines; a row's cells are made each time
    // rather than a million rows' cells held between the two.
    std::vector<std::size_t> width(kMatrixHeads.size());
    for (std::size_t i = 0; i < width.size(); ++i) width[i] = kMatrixHeads[i].size();
    for (const auto& r : rows) {
        auto cells = matrix_text_cells(r);
        for (std::size_t i = 0; i < cells.size(); ++i) width[i] = std::max(width[i], cells[i].size());
    }
    std::string out;
    append_aligned(out, kMatrixHeads, width);
    for (const auto& r : rows) {
        append_aligned(out, matrix_text_cells(r), width);
        write_when_full(out, write);
    }
    write(out);
}

std::string text_matrix(const std::vector<MatrixRow>& rows) {
    return whole([&](const TextSink& write) { write_text_matrix(rows, write); });
}

void write_matrix_csv(const std::vector<MatrixRow>& rows, const TextSink& write) {
    // The CSV is a flat view for spreadsheets: fewer columns than the JSON, the verdict in words.
    static const char* names[] = {"site",           "location",    "address",      "user",    "platform",
                                  "dialed",         "dial_string", "outcome",      "route",   "gateways",
                                  "calling_number", "psap",        "psap_correct", "notified"};
    std::vector<Column> columns;
    for (const char* n : names) columns.push_back(col(n, CellType::string, false, ""));
    std::string out = csv_header(columns);
    for (const auto& r : rows) {  // each row written as it is made, not held in a table first
        append_csv_row(out, columns,
                       {cell_text(r.site), cell_text(r.location), cell_text(r.address), cell_text(r.user),
                        cell_text(to_string(r.platform)), cell_text(r.dialed), cell_text(r.dial_string),
                        cell_text(outcome_name(r)), cell_text(r.route), cell_text(join(r.gateways, " ")),
                        cell_text(r.calling_number), cell_text(r.psap), cell_text(correct_text(r)),
                        cell_text(r.notified)});
        write_when_full(out, write);
    }
    write(out);
}

std::string matrix_csv(const std::vector<MatrixRow>& rows) {
    return whole([&](const TextSink& write) { write_matrix_csv(rows, write); });
}

std::string text_diff(const DiffResult& d) {
    std::string out;
    for (const auto& o : d.outcomes) {
        out += (o.worse ? "WORSE  " : "change ") + o.key + "\n";
        for (const auto& c : o.changes) out += "         " + c + "\n";
        if (o.worse) out += "         why worse: " + o.worse_because + "\n";
    }
    for (const auto& f : d.added)
        out += "finding added: [" + f.rule + "] " + f.message + " (" + f.target + ") " + f.file + ":" +
               std::to_string(f.line) + "\n";
    for (const auto& f : d.fixed) out += "finding fixed: [" + f.rule + "] " + f.message + " (" + f.target + ")\n";
    int worse = 0;
    for (const auto& o : d.outcomes) worse += o.worse;
    out += std::to_string(d.outcomes.size()) + " outcome(s) changed, " + std::to_string(worse) + " worse; " +
           std::to_string(d.added.size()) + " finding(s) added, " + std::to_string(d.fixed.size()) + " fixed\n";
    return out;
}

std::string text_rules(const std::vector<RuleInfo>& rules) {
    std::string out;
    for (const auto& r : rules)
        out += padded(r.id, 30) + " " + padded(to_string(r.severity), 8) + " " + padded(r.category, 13) + " " +
               r.summary + "\n";
    return out;
}

}  // namespace e911::detail
