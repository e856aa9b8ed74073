#include "e911/batch.hpp"

#include <chrono>
#include <climits>
#include <cstdio>
#include <istream>
#include <iterator>
#include <sstream>
#include <ostream>

#include "questions/call_log.hpp"
#include "util/json_util.hpp"
#include "simulate/decisions.hpp"
#include "report/trace_json.hpp"
#include "report/tables.hpp"
#include "util/text_util.hpp"
#include "util/encoding.hpp"
#include "report/row_writer.hpp"
#include "report/batch_row.hpp"

#include <condition_variable>
#include <optional>
#include <deque>
#include <exception>
#include <mutex>
#include <memory>
#include <thread>
#include <algorithm>

namespace e911 {

std::optional<long long> parse_time(const std::string& s) {
    if (detail::is_digits(s) && s.size() < 18) {
        long long seconds = 0;
        for (char ch : s) seconds = seconds * 10 + (ch - '0');
        return seconds;
    }
    int y, mo, d, h = 0, mi = 0, sec = 0;
    char tail[8] = {0};
    int n = std::sscanf(s.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%7s", &y, &mo, &d, &h, &mi, &sec, tail);
    if (n < 5) {
        n = std::sscanf(s.c_str(), "%4d-%2d-%2dT%2d:%2d%7s", &y, &mo, &d, &h, &mi, tail);
        if (n < 5) return std::nullopt;
        sec = 0;
    }
    std::string t = tail;
    if (!t.empty() && t != "Z" && t != "z") return std::nullopt;  // only UTC; offsets would be silently wrong
    if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60) return std::nullopt;
    // C++20 calendar rather than timegm, which MSVC lacks; an out-of-range day rolls over as timegm's does.
    using namespace std::chrono;
    sys_days day = sys_days{year{y} / month{static_cast<unsigned>(mo)} / 1} + days{d - 1};
    return static_cast<long long>(day.time_since_epoch().count()) * 86400 + h * 3600LL + mi * 60LL + sec;
}

std::string batch_row_to_json(long long row, const CallRow& call, const Trace* trace, const CallbackAnswer* callback,
                              bool with_trace) {
    // Written into a buffer kept between rows and copied out once at its size: a fresh string grew to
    // a traced row's 4 kB in eight allocations and copies (Python's simulate_many makes every row here).
    thread_local std::string scratch;
    scratch.clear();
    detail::append_batch_json(scratch, row, call, trace, callback, with_trace);
    std::string out(scratch);
    if (scratch.capacity() > (std::size_t{1} << 16)) std::string().swap(scratch);  // one long row is not kept
    return out;
}

CallSession::CallSession(const Simulator& simulator, bool trace)
    : CallSession(simulator, trace ? Explain::steps : Explain::none) {}
CallSession::CallSession(const Simulator& simulator, Explain explain) : sim_(simulator), explain_(explain) {}

Trace CallSession::call(const CallRow& row) {
    Trace t;
    call(row, t);
    return t;
}

void CallSession::call(const CallRow& row, Trace& t) {
    const auto& c = sim_.compiled();
    const Caller& caller = row.caller;
    auto setup = detail::setup_caller(c, caller);
    long long now = row.time.value_or(0);
    // The gateway takes the first ELIN not in an active call; if all are busy, the one free soonest.
    detail::ElinPicker pick = [&](const std::vector<std::string>& elins) {
        std::string best = elins.front();
        long long best_end = LLONG_MAX;
        for (const auto& e : elins) {
            auto it = last_use_.find(e);
            long long end = it == last_use_.end() ? LLONG_MIN : it->second.end;
            if (end <= now) return e;
            if (end < best_end) best_end = end, best = e;
        }
        return best;
    };
    detail::Call call{setup.user, setup.platform, setup.client, &caller.dialed, &setup, &pick, &setup.conditions, pidf_};
    detail::Decisions d;
    detail::simulate_placed_into(t, d, c, call, detail::place(c, setup), explain_);
    if (t.emergency && !t.elin.empty() && !t.gateways.empty()) remember(row, t, d, setup.user, last_use_[t.elin]);
}

void CallSession::remember(const CallRow& row, const Trace& t, const detail::Decisions& d, const User* user,
                           Use& use) const {
    const auto& gw = sim_.compiled().cfg.gateways[d.gateways.primary];
    long long now = row.time.value_or(0);
    use.user = t.user.empty() ? row.caller.ip : t.user;
    use.number = user ? user->phone_number : "";
    use.start = now, use.end = now + row.duration, use.gateway = gw.id, use.window = gw.elin_callback_minutes;
}

void CallSession::call_detached(const CallRow& row, Trace& t, Detached& result) const {
    result.independent = true;
    result.uses_elin = false;
    const auto& c = sim_.compiled();
    auto setup = detail::setup_caller(c, row.caller);
    // With one ELIN the gateway's memory cannot change the pick; with several it can.
    detail::ElinPicker pick = [&result](const std::vector<std::string>& elins) {
        if (elins.size() > 1) result.independent = false;
        return elins.front();
    };
    detail::Call call{setup.user, setup.platform, setup.client, &row.caller.dialed, &setup, &pick, &setup.conditions, pidf_};
    detail::Decisions d;
    detail::simulate_placed_into(t, d, c, call, detail::place(c, setup), explain_);
    if (result.independent && t.emergency && !t.elin.empty() && !t.gateways.empty()) {
        result.uses_elin = true;
        result.elin = t.elin;
        remember(row, t, d, setup.user, result.use);
    }
}

void CallSession::commit(const Detached& result) {
    if (result.uses_elin) last_use_[result.elin] = result.use;
}

CallbackAnswer CallSession::callback(const std::string& elin, long long time) const {
    CallbackAnswer a;
    a.elin = elin;
    a.time = time;
    auto it = last_use_.find(elin);
    if (it == last_use_.end()) {
        a.because = "no emergency call in this batch used ELIN " + elin + ": the callback reaches whatever the number is normally routed to";
        return a;
    }
    const Use& u = it->second;
    a.gateway = u.gateway;
    a.window_minutes = u.window;
    long long since = time - u.end;
    a.minutes_since_call = since / 60;
    if (time < u.start) {
        a.because = "the callback comes before the emergency call that used the ELIN";
        return a;
    }
    if (u.window == 0) {  // AudioCodes E911CallbackTimeout 0: the gateway keeps no ELIN-to-caller mapping
        a.because = "gateway `" + u.gateway + "` has elin_callback_minutes: 0 (no callback routing): the callback "
                    "reaches whatever ELIN " + elin + " is normally routed to, not " + u.user;
        return a;
    }
    if (since <= static_cast<long long>(u.window) * 60) {
        a.rings_user = u.user;
        a.rings_number = u.number;
        a.because = "gateway `" + u.gateway + "` maps ELIN " + elin + " to its most recent emergency caller, " + u.user + ", within the " +
                    std::to_string(u.window) + "-minute callback window";
    } else {
        a.because = "the " + std::to_string(u.window) + "-minute callback window of gateway `" + u.gateway + "` closed " + std::to_string(since / 60 - u.window) +
                    " minute(s) before: the callback reaches whatever the ELIN is normally routed to, not " + u.user;
    }
    return a;
}

namespace {

[[noreturn]] void unknown_column(std::string_view name) {
    static const std::vector<std::string> known = {"kind", "dialed", "dial", "user", "ip", "public_ip", "bssid", "chassis_id", "port_id",
                                                   "platform", "client", "time", "duration", "elin",
                                                   "down",  // gateways down for this row
                                                   "client_location", "client_location_source"};
    std::string sug = detail::closest(name, known);
    throw UsageError("unknown column `" + std::string(name) + "`" + (sug.empty() ? "" : "; did you mean `" + sug + "`?"));
}

// Rows come in column-name order, so a row with two bad columns reports the same one every time.
template <class Fields>
void fill_row(const Fields& f, CallRow& r) {
    // Every field reset, keeping string storage: a reused row must not carry the previous row's values.
    r.kind.assign("call");
    r.caller.dialed.clear(), r.caller.user.clear(), r.caller.ip.clear(), r.caller.public_ip.clear();
    r.caller.bssid.clear(), r.caller.chassis_id.clear(), r.caller.port_id.clear();
    r.caller.platform.reset(), r.caller.client.reset();
    r.caller.down.clear();
    r.caller.ip_other.clear(), r.caller.public_ip_other.clear();
    r.caller.client_location.clear(), r.caller.client_location_source.reset();
    r.time.reset();
    r.duration = 120;
    r.elin.clear();
    using namespace std::string_view_literals;
    for (const auto& kv : f) {
        const std::string_view k = kv.first, v = kv.second;
        if (auto field = detail::caller_field(k)) {
            if (!v.empty()) detail::set_caller_field(r.caller, *field, v);
            continue;
        }
        if (k != "kind"sv && k != "elin"sv && k != "time"sv && k != "duration"sv) unknown_column(k);
        if (v.empty()) continue;
        const std::string text(v);  // only the columns that are not the caller's
        if (k == "kind"sv) {
            if (v != "call"sv && v != "callback"sv) throw UsageError("kind `" + text + "`: expected call or callback");
            r.kind = text;
        } else if (k == "elin"sv) r.elin = text;
        else if (k == "time"sv) {
            r.time = parse_time(text);
            if (!r.time) throw UsageError("time `" + text + "`: expected ISO 8601 UTC (2026-11-21T10:15:00Z) or epoch seconds");
        } else if (k == "duration"sv) {
            if (!detail::is_digits(v) || v.size() > 9) throw UsageError("duration `" + text + "`: expected whole seconds");
            r.duration = std::stoll(text);
        }
    }
    if (r.kind == "callback") {
        if (r.elin.empty()) throw UsageError("a callback row needs `elin`");
        if (!r.time) throw UsageError("a callback row needs `time`");
    }
}

}  // namespace

CallRow call_row_from_fields(const std::map<std::string, std::string>& f) {
    CallRow r;
    fill_row(f, r);
    return r;
}

void detail::fill_call_row(const detail::CallFields& f, CallRow& r) { fill_row(f, r); }

namespace {

// One input row and what became of it; kept in a chunk and reused for later rows.
struct BatchRow {
    detail::CallLogRecord record;
    CallRow call;
    std::string error;
    CallSession::Detached detached;
    bool redo = false, commit = false;
    std::size_t begin = 0, end = 0;  // its output in the chunk's buffer
};

struct Chunk {
    std::vector<BatchRow> rows;
    std::size_t size = 0;
    std::string out;
    bool done = false;         // simulated (guarded by the Workers' mutex)
    std::exception_ptr error;  // what ended the simulation early, rethrown where the chunk is written
};

struct Writer {
    BatchOutput format;
    bool with_trace;

    void row(std::string& out, const BatchRow& r, const Trace* trace, const CallbackAnswer* cb) const {
        long long n = r.record.number;
        if (format == BatchOutput::csv) {
            detail::append_batch_csv(out, {n, r.call, trace, cb, r.error});
            return;
        }
        if (!r.error.empty()) detail::append_batch_error_json(out, n, r.error);
        else detail::append_batch_json(out, n, r.call, trace, cb, with_trace);
        out += '\n';
    }
};

// Simulates one row and writes it to `out`. Detached (a worker): a row whose answer depends on the
// session's memory of ELINs (a callback, a pick among several ELINs) is left for the ordered pass
// (returns false, writes nothing).
bool process(BatchRow& r, CallSession& session, bool detached, Trace& trace, const Writer& w, std::string& out) {
    detail::finish_record(r.record);  // a JSON Lines row is parsed here, on the thread that simulates it
    r.error = r.record.error;
    r.commit = false;
    bool filled = false;
    const Trace* t = nullptr;
    std::optional<CallbackAnswer> cb;
    if (r.error.empty()) {
        try {
            detail::fill_call_row(r.record.fields, r.call);
            filled = true;
            if (r.call.kind == "callback") {
                if (detached) return false;
                cb = session.callback(r.call.elin, *r.call.time);
            } else if (detached) {
                session.call_detached(r.call, trace, r.detached);
                if (!r.detached.independent) return false;
                r.commit = true, t = &trace;
            } else {
                session.call(r.call, trace);
                t = &trace;
            }
        } catch (const UsageError& e) {
            r.error = e.what();
        }
    }
    if (!filled) r.call = CallRow{};  // an unreadable row shows no half-read fields
    w.row(out, r, t, cb ? &*cb : nullptr);
    return true;
}

// A chunk's rows as the look-ahead reads them; a JSON Lines row is parsed here, a few rows early.
CallLookAhead look_ahead(Chunk& chunk, const Simulator& sim, Explain explain) {
    return CallLookAhead(sim, chunk.size, [&chunk](std::size_t i) {
        auto& record = chunk.rows[i].record;
        detail::finish_record(record);
        if (!record.error.empty()) return CallerKeys{};
        CallerKeys keys;
        for (const auto& [name, value] : record.fields)
            if (auto field = detail::caller_field(name)) {
                if (*field == detail::CallerField::user) keys.user = value;
                else if (*field == detail::CallerField::ip) keys.ip = value;
                else if (*field == detail::CallerField::bssid) keys.bssid = value;
            }
        return keys;
    }, explain);
}

void work(Chunk& chunk, const Simulator& sim, Explain explain, const Writer& w) {
    CallSession session(sim, explain);
    session.leave_out_pidf();
    Trace trace;
    chunk.out.clear();
    CallLookAhead ahead = look_ahead(chunk, sim, explain);
    for (std::size_t i = 0; i < chunk.size; ++i) {
        ahead.before(i);
        BatchRow& r = chunk.rows[i];
        r.begin = chunk.out.size();
        r.redo = !process(r, session, true, trace, w, chunk.out);
        r.end = chunk.out.size();
    }
}

// The rows one thread reads before simulating them: long, so the look-ahead seldom starts afresh.
constexpr std::size_t kChunkRows = 2048;

// A worker's chunk of rows, sized so that its output (written by the worker, then copied to the
// stream) stays in a core's cache: kChunkRows CSV rows are about 300 kB; JSON Lines rows with the
// step-by-step trace are 3.7 kB each, and 2,048 of them (7.5 MB) made every append a write to memory.
std::size_t rows_per_chunk(BatchOutput format, bool with_trace) {
    if (format == BatchOutput::csv) return kChunkRows;
    return with_trace ? 128 : 512;
}

// `jobs` threads that simulate the chunks they are given, in any order, for one thread that queues
// chunks in input order and writes each once it is done. A fixed set of threads, one per core asked
// for: a thread per chunk put twice as many threads as cores to work, and they slowed each other.
class Workers {
public:
    // As many threads as can be had, up to `jobs` (a process or container limit can refuse some;
    // those started share the queue). started() == 0: the caller must do the work itself.
    Workers(unsigned jobs, const Simulator& sim, Explain explain, const Writer& w) {
        try {
            for (unsigned j = 0; j < jobs; ++j) threads_.emplace_back([this, &sim, explain, &w] { serve(sim, explain, w); });
        } catch (const std::exception&) {  // std::system_error from the thread, or bad_alloc
        }
    }
    std::size_t started() const { return threads_.size(); }
    ~Workers() {
        {
            std::lock_guard<std::mutex> lock(m_);
            closing_ = true;
        }
        work_.notify_all();
        for (auto& t : threads_) t.join();
    }
    void queue(Chunk& c) {
        {
            std::lock_guard<std::mutex> lock(m_);
            c.done = false;
            c.error = nullptr;
            todo_.push_back(&c);
        }
        work_.notify_one();
    }
    // Waits until `c` is simulated; rethrows what stopped it.
    void wait(Chunk& c) {
        std::unique_lock<std::mutex> lock(m_);
        done_.wait(lock, [&] { return c.done; });
        if (c.error) std::rethrow_exception(c.error);
    }

private:
    void serve(const Simulator& sim, Explain explain, const Writer& w) {
        while (Chunk* c = next()) {
            try {
                work(*c, sim, explain, w);
            } catch (...) {
                c->error = std::current_exception();
            }
            {
                std::lock_guard<std::mutex> lock(m_);
                c->done = true;
            }
            done_.notify_one();
        }
    }
    Chunk* next() {
        std::unique_lock<std::mutex> lock(m_);
        work_.wait(lock, [&] { return closing_ || !todo_.empty(); });
        if (closing_) return nullptr;  // the writer has stopped (the end, or an error): queued chunks are dropped
        Chunk* c = todo_.front();
        todo_.pop_front();
        return c;
    }
    std::mutex m_;
    std::condition_variable work_, done_;
    std::deque<Chunk*> todo_;
    bool closing_ = false;
    std::vector<std::thread> threads_;
};

bool fill(Chunk& chunk, detail::CallLogReader& reader, std::size_t rows) {
    chunk.size = 0;
    while (chunk.size < rows) {
        if (chunk.rows.size() == chunk.size) chunk.rows.emplace_back();
        if (!reader.next_raw(chunk.rows[chunk.size].record)) break;
        ++chunk.size;
    }
    return chunk.size > 0;
}

}  // namespace

BatchStats simulate_batch(const Simulator& sim, std::istream& in, std::ostream& out, BatchOutput format, bool trace) {
    BatchOptions options;
    options.trace = trace;
    return simulate_batch(sim, in, out, format, options);
}

BatchStats simulate_batch(const Simulator& sim, std::istream& in, std::ostream& out, BatchOutput format,
                          const BatchOptions& options) {
    BatchStats stats;
    const bool session_traces = options.trace && format == BatchOutput::json;
    // JSON rows carry psap_reason even without the step-by-step trace; CSV rows need no text.
    const Explain explain = session_traces ? Explain::steps : format == BatchOutput::json ? Explain::reasons : Explain::none;
    CallSession session(sim, explain);
    session.leave_out_pidf();  // no row carries pidf_lo
    const Writer w{format, session_traces};
    detail::CallLogReader reader(in);
    if (!reader.has_input()) return stats;
    if (format == BatchOutput::csv) out << detail::csv_header(detail::batch_columns());
    unsigned jobs = options.jobs ? options.jobs : std::max(1u, std::thread::hardware_concurrency());
    Trace trace;
    std::string redo;
    // Writes a finished chunk in input order; rows the workers left are simulated here, in order.
    auto emit = [&](Chunk& chunk, bool parallel) {
        std::size_t from = 0;
        for (std::size_t i = 0; i < chunk.size; ++i) {
            BatchRow& r = chunk.rows[i];
            stats.rows = r.record.number;
            if (parallel && r.redo) {
                out.write(chunk.out.data() + from, static_cast<std::streamsize>(r.begin - from));
                redo.clear();
                process(r, session, false, trace, w, redo);
                out.write(redo.data(), static_cast<std::streamsize>(redo.size()));
                from = r.end;
            } else if (parallel && r.commit) {
                session.commit(r.detached);
            }
            if (!r.error.empty()) ++stats.errors;
        }
        out.write(chunk.out.data() + from, static_cast<std::streamsize>(chunk.out.size() - from));
        if (options.progress) options.progress(stats.rows);
    };
    // Declared before the workers, so that on the way out (an error included) the workers stop before
    // the chunks they may be working on go.
    std::deque<std::unique_ptr<Chunk>> flight;
    std::vector<std::unique_ptr<Chunk>> spare;
    std::optional<Workers> workers;
    if (jobs > 1) {
        workers.emplace(jobs, sim, explain, w);
        if (workers->started() == 0) workers.reset();  // no thread to be had: this one does it all
    }
    if (!workers) {
        // One thread writes its output as it goes, a cache-sized piece at a time.
        constexpr std::size_t kPiece = 64 * 1024;
        Chunk chunk;
        while (out && fill(chunk, reader, kChunkRows)) {  // a closed pipe or full disk ends the run (the caller reports it)
            chunk.out.clear();
            CallLookAhead ahead = look_ahead(chunk, sim, explain);
            for (std::size_t i = 0; i < chunk.size; ++i) {
                ahead.before(i);
                process(chunk.rows[i], session, false, trace, w, chunk.out);
                if (chunk.out.size() < kPiece) continue;
                out.write(chunk.out.data(), static_cast<std::streamsize>(chunk.out.size()));
                chunk.out.clear();
            }
            emit(chunk, false);
        }
        return stats;
    }
    // Workers simulate whole chunks detached; this thread reads, orders and writes. At most 2 chunks
    // per worker are in flight, so memory stays bounded whatever the log's length.
    const std::size_t rows = rows_per_chunk(format, session_traces);
    bool more = true;
    while (true) {
        while (more && out && flight.size() < 2 * jobs) {
            std::unique_ptr<Chunk> chunk;
            if (spare.empty()) chunk = std::make_unique<Chunk>();
            else chunk = std::move(spare.back()), spare.pop_back();
            if (!fill(*chunk, reader, rows)) {
                more = false;
                break;
            }
            workers->queue(*chunk);
            flight.push_back(std::move(chunk));
        }
        if (flight.empty()) break;
        workers->wait(*flight.front());
        auto chunk = std::move(flight.front());
        flight.pop_front();
        if (out) emit(*chunk, true);
        spare.push_back(std::move(chunk));
    }
    return stats;
}

}  // namespace e911
