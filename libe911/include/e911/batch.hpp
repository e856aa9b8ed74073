// Batch what-if: many calls in time order, with the ELIN gateway's memory of who used which ELIN,
// so "the PSAP calls this ELIN back at this time: who rings?" can be answered.
#pragma once
#include <iosfwd>
#include <map>
#include <unordered_map>
#include <optional>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "e911/simulate.hpp"

namespace e911 {
namespace detail {
struct Decisions;
}

// ISO 8601 UTC ("2026-11-21T10:15:00Z", seconds optional) or whole epoch seconds; nullopt otherwise.
std::optional<long long> parse_time(const std::string& text);

struct CallRow {
    std::string kind = "call";  // "call" or "callback"
    Caller caller;
    std::optional<long long> time;  // epoch seconds
    long long duration = 120;       // seconds the call keeps its ELIN busy (our rule: 2 minutes unless given)
    std::string elin;               // callback rows
};

struct CallbackAnswer {
    std::string elin;
    long long time = 0;
    std::string rings_user;    // who the gateway sends the callback to; empty = nobody
    std::string rings_number;  // that caller's own number
    std::string gateway;
    int window_minutes = 0;
    std::optional<long long> minutes_since_call;
    std::string because;
};

std::string callback_to_json(const CallbackAnswer& a, int indent = -1);
// One row of simulate_batch's JSON Lines output (`row` counts from 1): `row`, `kind`, `time`, then the
// trace (without `pidf_lo`; without `trace` unless `with_trace`) or the callback answer. Python's
// Config.simulate_many() yields the same rows.
std::string batch_row_to_json(long long row, const CallRow& call, const Trace* trace, const CallbackAnswer* callback,
                              bool with_trace = true);

// Stateful: remembers which caller used which ELIN and when. Feed rows in time order.
class CallSession {
public:
    // `trace` = false skips the step-by-step explanations, psap_reason and the PIDF-LO (Explain::none;
    // decisions are identical).
    explicit CallSession(const Simulator& simulator, bool trace = true);
    CallSession(const Simulator& simulator, Explain explain);
    Trace call(const CallRow& row);  // throws UsageError
    // The same into an existing Trace, reusing its storage (for loops over large call logs).
    void call(const CallRow& row, Trace& out);
    CallbackAnswer callback(const std::string& elin, long long time) const;
    // Traces without the PIDF-LO document (Explain::steps builds it otherwise): batch rows leave it out.
    void leave_out_pidf() { pidf_ = false; }

    // For parallel batches: a call simulated without reading or changing this session's memory.
    // `independent` is false when the answer could depend on it (the location has several ELINs and
    // the gateway picks the free one): such a row must be simulated again, in order, with call().
    // Otherwise commit() the row, in input order, to update the memory exactly as call() would have.
    struct Use {
        std::string user, number;
        long long start = 0, end = 0;
        std::string gateway;
        int window = 30;
    };
    struct Detached {
        bool independent = true, uses_elin = false;
        std::string elin;
        Use use;
    };
    void call_detached(const CallRow& row, Trace& out, Detached& result) const;
    void commit(const Detached& result);
private:
    void remember(const CallRow& row, const Trace& t, const detail::Decisions& d, const User* user, Use& use) const;
    const Simulator& sim_;
    Explain explain_;
    bool pidf_ = true;
    std::unordered_map<std::string, Use> last_use_;  // bounded by the number of ELINs
};

// Reads CSV (header row) or JSON Lines from `in`, writes one JSON line (or CSV row) per input row
// to `out`, streaming. A malformed row produces an error line and the run goes on.
struct BatchStats {
    long long rows = 0, errors = 0;
};
enum class BatchOutput { json, csv };
BatchStats simulate_batch(const Simulator& simulator, std::istream& in, std::ostream& out, BatchOutput format, bool trace = true);

struct BatchOptions {
    bool trace = true;  // JSON rows carry the step-by-step trace
    // Worker threads simulating and writing rows; the output is in input order and the same bytes
    // whatever the number (0 = one per hardware thread).
    unsigned jobs = 1;
    // Called on the calling thread every few thousand rows with the rows read so far (progress display).
    std::function<void(long long rows)> progress;
};
BatchStats simulate_batch(const Simulator& simulator, std::istream& in, std::ostream& out, BatchOutput format,
                          const BatchOptions& options);

// What a batch's look-ahead reads of a row: the caller's user, ip and bssid, as given.
struct CallerKeys {
    std::string_view user, ip, bssid;
};

// The look-ahead simulate_batch runs over its rows, for code that holds a batch's rows itself (the
// Python module's simulate_many): call before(i) just before simulating row i of `count` rows, in
// order. It starts the lookups of the rows 4 to 20 places further on (`keys(j)` gives row j's, as
// views that stay valid until row j is simulated), so that their cache misses overlap with the work
// on the rows before them instead of following it. It only prefetches: no answer changes. It does
// nothing where the configuration's tables fit in the caches (under 100,000 subnets, LIS subnets,
// access points, users and locations), where it would cost more than it saves. `explain` is what
// the rows are simulated with: Explain::steps also prefetches what the trace's steps read (the subnet
// and LIS subnet objects, the source positions of the objects a row reaches).
//   CallLookAhead ahead(simulator, rows.size(), [&](std::size_t j) { return CallerKeys{...}; });
//   for (std::size_t i = 0; i < rows.size(); ++i) { ahead.before(i); session.call(rows[i], trace); }
class CallLookAhead {
public:
    CallLookAhead(const Simulator& simulator, std::size_t count, std::function<CallerKeys(std::size_t)> keys,
                  Explain explain = Explain::none);
    ~CallLookAhead();
    CallLookAhead(const CallLookAhead&) = delete;
    CallLookAhead& operator=(const CallLookAhead&) = delete;
    void before(std::size_t row);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// One input row (a flat map of column -> value) to a CallRow; throws UsageError naming the column.
// Caller columns go through set_caller_field(), as the command line's flags and Python's keywords do.
CallRow call_row_from_fields(const std::map<std::string, std::string>& fields);


}  // namespace e911
