// One row of `e911 simulate --calls --format csv`: which value goes in which column, written once.
// batch_cells() (the typed table) and the batch's CSV writer (row_writer.cpp) both visit a row
// through visit_batch_column(), so they cannot disagree, and a column is found by its BatchColumn,
// never by its position: adding a column cannot shift the others.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "e911/batch.hpp"
#include "report/tables.hpp"

namespace e911::detail {

// batch_columns()[i] is column BatchColumn(i); tables_sim.cpp checks the names when it builds them.
enum class BatchColumn : std::uint8_t {
    row, kind, time, user, dialed, platform, emergency, dial_string, site, location, address, pstn_usage, route,
    gateways, calling_number, psap, psap_correct, notified, outcome, rings, because, error,
    gateways_down,
    pstn,
    location_class, screened,
    count_  // not a column
};

// Everything one batch row is made of.
struct BatchRowParts {
    long long row = 0;
    const CallRow& call;
    const Trace* trace = nullptr;
    const CallbackAnswer* callback = nullptr;
    const std::string& error;
};

// Calls exactly one of the visitor's methods for column `c` of the row:
//   null(); text(string_view) (never null); text_or_null(string_view) (empty = null); boolean(bool);
//   integer(long long); strings(const std::string* first, std::size_t count) (a list of strings).
template <class Visitor>
void visit_batch_column(Visitor& v, BatchColumn c, const BatchRowParts& p) {
    const Trace* t = p.trace;
    const CallbackAnswer* cb = p.callback;
    auto text_of = [&](const std::string Trace::*field) { t ? v.text_or_null(t->*field) : v.null(); };
    switch (c) {
        case BatchColumn::row: return v.integer(p.row);
        case BatchColumn::kind: return v.text_or_null(p.call.kind);
        case BatchColumn::time: return p.call.time ? v.integer(*p.call.time) : v.null();
        case BatchColumn::user: return text_of(&Trace::user);
        case BatchColumn::dialed: return text_of(&Trace::dialed);
        case BatchColumn::platform: return t ? v.text(to_string(t->platform)) : v.null();
        case BatchColumn::emergency: return t ? v.boolean(t->emergency) : v.null();
        case BatchColumn::dial_string: return text_of(&Trace::dial_string);
        case BatchColumn::site: return text_of(&Trace::site);
        case BatchColumn::location: return text_of(&Trace::location);
        case BatchColumn::address: return text_of(&Trace::address);
        case BatchColumn::pstn_usage: return text_of(&Trace::pstn_usage);
        case BatchColumn::route: return text_of(&Trace::route);
        case BatchColumn::gateways:  // callbacks: the gateway that remembers the ELIN
            if (cb) return v.strings(&cb->gateway, cb->gateway.empty() ? 0 : 1);
            return t ? v.strings(t->gateways.data(), t->gateways.size()) : v.null();
        case BatchColumn::calling_number:  // callbacks: the ELIN
            if (cb) return v.text_or_null(cb->elin);
            return text_of(&Trace::calling_number);
        case BatchColumn::psap: return text_of(&Trace::psap);
        case BatchColumn::psap_correct: return t && t->psap_correct ? v.boolean(*t->psap_correct) : v.null();
        case BatchColumn::notified:
            if (!t || !t->notifications) return v.null();
            return v.text(t->notifications->anyone() ? to_string(t->notifications->mode) : "nobody");
        case BatchColumn::outcome: return t ? v.text(to_string(t->outcome)) : v.null();
        case BatchColumn::rings: return cb ? v.text_or_null(cb->rings_user) : v.null();
        case BatchColumn::because: return cb ? v.text_or_null(cb->because) : v.null();
        case BatchColumn::error: return v.text_or_null(p.error);
        case BatchColumn::gateways_down:
            return t ? v.strings(t->gateways_down.data(), t->gateways_down.size()) : v.null();
        case BatchColumn::pstn: return t && t->pstn ? v.text(to_string(*t->pstn)) : v.null();
        case BatchColumn::location_class: return t ? v.text(to_string(t->location_class)) : v.null();
        case BatchColumn::screened: return t ? v.boolean(t->screened) : v.null();
        case BatchColumn::count_: break;
    }
    v.null();
}

// One CSV line (with its "\n") of the batch, as csv_row(batch_columns(), batch_cells(...)) writes it,
// straight from the row: no cells, no copies.
void append_batch_csv(std::string& out, const BatchRowParts& parts);

}  // namespace e911::detail
