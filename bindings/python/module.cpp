// _e911: the compiled half of the Python module. Each answer comes back as an Answer object holding
// the C++ result: its JSON and every other format are written by the same renderers the CLI uses,
// and the Python facade (e911/) wraps the JSON in classes generated from the same table columns.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <memory>
#include <mutex>
#include <optional>
#include <tuple>
#include <type_traits>

#include "e911/e911.hpp"
#include "e911/import.hpp"
#include "call_fields.hpp"
#include "flatten.hpp"
#include "json_rows.hpp"
#include "utf8_arg.hpp"

namespace py = pybind11;

namespace {

// A loaded configuration and, once needed, its compiled simulator.
class Handle {
public:
    explicit Handle(e911::LoadResult r) : result_(std::move(r)) {}
    const e911::Config& config() const { return result_.config; }
    const std::vector<e911::Diagnostic>& diagnostics() const { return result_.diagnostics; }
    const e911::Simulator& simulator() {
        if (!sim_) sim_ = std::make_unique<e911::Simulator>(result_.config);
        return *sim_;
    }
private:
    e911::LoadResult result_;
    std::unique_ptr<e911::Simulator> sim_;
};

using e911_py::utf8_arg;

std::map<std::string, std::string> fields_of(const py::dict& d) {
    std::map<std::string, std::string> f;
    for (auto item : d) {
        if (item.second.is_none()) continue;
        std::string key = utf8_arg(item.first, "a field name");
        f[key] = utf8_arg(item.second, "field `" + key + "`");
    }
    return f;
}

e911::ReportFormat format_of(const std::string& name) {
    e911::ReportFormat f;
    if (!e911::parse_report_format(name, f)) throw e911::UsageError("format `" + name + "`: expected text, json, csv, sarif, junit, github or html");
    return f;
}

// An answer rendered into a sink: findings and matrices a piece at a time (the renderers that
// take a sink), the others whole.
template <class T>
void render_into(const T& value, e911::ReportFormat f, const e911::RenderOptions& o, const e911::TextSink& write) {
    if constexpr (std::is_same_v<T, std::vector<e911::Finding>> || std::is_same_v<T, std::vector<e911::MatrixRow>>)
        e911::render(value, f, o, write);
    else
        write(e911::render(value, f, o));
}

// One answer (findings, a matrix, a diff, a trace, ...) kept as C++ data until it is rendered.
template <class T>
class Answer {
public:
    explicit Answer(T value) : value_(std::move(value)) {}
    const T& value() const { return value_; }
    T& value() { return value_; }  // a pooled answer is filled again in place (TracePool)
    std::string json() const { return e911::render(value_, e911::ReportFormat::json, {false, -1}); }
    std::string render(const std::string& format, bool color) const {
        return e911::render(value_, format_of(format), {color, 2});
    }
    // render() into a file, replaced atomically as e911 -o replaces it, without the GIL and without
    // holding a large lint report or matrix as one string.
    void write(const std::string& path, const std::string& format, bool color) const {
        const e911::ReportFormat f = format_of(format);
        py::gil_scoped_release release;
        e911::write_file(path, [&](const e911::TextSink& sink) { render_into(value_, f, {color, 2}, sink); });
    }
private:
    T value_;
};
using Findings = Answer<std::vector<e911::Finding>>;
using Diagnostics = Answer<std::vector<e911::Diagnostic>>;
using Matrix = Answer<std::vector<e911::MatrixRow>>;
using DiffAnswer = Answer<e911::DiffResult>;
using TraceAnswer = Answer<e911::Trace>;
using Rules = Answer<std::vector<e911::RuleInfo>>;

template <class T>
void bind_answer(py::module_& m, const char* name) {
    py::class_<T, std::shared_ptr<T>>(m, name)
        .def("json", &T::json)
        .def("render", &T::render, py::arg("format"), py::arg("color") = false)
        .def("write", &T::write, py::arg("path"), py::arg("format"), py::arg("color") = false);
}

py::dict column_dict(const e911::Column& c) {
    py::dict d;
    d["name"] = c.name;
    d["type"] = std::string(e911::to_string(c.type));
    d["nullable"] = c.nullable;
    d["description"] = c.description;
    d["record"] = c.record;
    py::list fields;
    for (const auto& f : c.fields) fields.append(column_dict(f));
    d["fields"] = fields;
    return d;
}

// The column metadata of every answer, for generating the Python result classes.
py::list table_schemas() {
    py::list out;
    for (const auto& t : e911::table_schemas()) {
        py::dict d;
        d["record"] = t.record;
        d["description"] = t.description;
        py::list cols;
        for (const auto& c : t.columns) cols.append(column_dict(c));
        d["columns"] = cols;
        out.append(d);
    }
    return out;
}


e911::LoadOptions load_options(bool allow_include_outside, std::uint64_t max_file_size) {
    e911::LoadOptions o;
    o.allow_include_outside = allow_include_outside;
    if (max_file_size) o.limits.max_file_bytes = max_file_size;
    return o;
}

// A simulate_many row's Trace, with what the rest of its row's JSON is made of. With the step-by-step
// trace, run() hands Python the row's JSON without its steps: they are most of a traced row's JSON
// (3 kB of sentences), and to_row() leaves them out. The whole row is written from here only when the
// row is first read as objects, from the same Trace (which nothing changes while the row holds it),
// so its bytes are those run() would have written.
class BatchTrace : public TraceAnswer {
public:
    BatchTrace() : TraceAnswer(e911::Trace{}) {}
    bool steps_left_out = false;  // the JSON run() gave lacks the `trace` run() would have written
    long long row = 0;
    e911::CallRow call;
    std::string json_with_steps() const { return e911::batch_row_to_json(row, call, &value(), nullptr, true); }
};

// Traces whose rows the caller has dropped, kept for the rows to come. A Trace filled again keeps its
// strings' and vectors' storage, as the CLI's one reused Trace does; a fresh one made and freed some
// fifty blocks a row, a third of a traced row's time in simulate_many. A row the caller keeps holds its
// Trace as long as it likes: only a Trace nobody holds comes back. Rows may be dropped on any thread
// while run() fills others without the GIL, hence the lock.
class TracePool {
public:
    static std::shared_ptr<BatchTrace> take(const std::shared_ptr<TracePool>& pool) {
        std::unique_ptr<BatchTrace> answer;
        {
            std::lock_guard<std::mutex> lock(pool->mutex_);
            if (!pool->spare_.empty()) answer = std::move(pool->spare_.back()), pool->spare_.pop_back();
        }
        if (!answer) answer = std::make_unique<BatchTrace>();
        return {answer.release(), [pool](BatchTrace* dropped) {
                    std::unique_ptr<BatchTrace> owned(dropped);  // freed after the lock, when not kept
                    std::lock_guard<std::mutex> lock(pool->mutex_);
                    if (pool->spare_.size() < kMostKept) pool->spare_.push_back(std::move(owned));
                }};
    }
private:
    static constexpr std::size_t kMostKept = 1024;  // about simulate_many's chunk: a few MB at most
    std::mutex mutex_;
    std::vector<std::unique_ptr<BatchTrace>> spare_;
};

// A batch session: ELIN memory across calls. Without `trace`, rows leave out the step-by-step trace
// (psap_reason stays), as `e911 simulate --calls --no-trace` writes them.
class Session {
public:
    Session(std::shared_ptr<Handle> h, bool trace)
        : h_(std::move(h)), session_(h_->simulator(), trace ? e911::Explain::steps : e911::Explain::reasons), trace_(trace) {}
    // Each call -> ("trace"|"callback"|"error", json or message, the trace's answer or None). The
    // calls are checked and read first (call_fields: `first` is the first one's place in the
    // caller's iterable, `down` the gateways down for calls that name none); the simulation runs
    // without the GIL.
    std::vector<std::tuple<std::string, std::string, std::shared_ptr<BatchTrace>>> run(const py::list& calls, std::size_t first,
                                                                                        const std::string& down) {
        std::vector<std::map<std::string, std::string>> rows;
        rows.reserve(calls.size());
        for (auto c : calls) rows.push_back(e911_py::call_fields(c, first + rows.size(), down));
        std::vector<std::tuple<std::string, std::string, std::shared_ptr<BatchTrace>>> out;
        py::gil_scoped_release release;
        // Every row read first, so that the batch's look-ahead can start the lookups of the rows to come.
        std::vector<e911::CallRow> parsed(rows.size());
        std::vector<std::string> errors(rows.size());
        for (std::size_t i = 0; i < rows.size(); ++i) {
            try {
                parsed[i] = e911::call_row_from_fields(rows[i]);
            } catch (const e911::UsageError& e) {
                errors[i] = e.what();
            }
        }
        e911::CallLookAhead ahead(h_->simulator(), rows.size(), [&](std::size_t j) {
            if (!errors[j].empty() || parsed[j].kind == "callback") return e911::CallerKeys{};
            const e911::Caller& c = parsed[j].caller;
            return e911::CallerKeys{c.user, c.ip, c.bssid};
        }, trace_ ? e911::Explain::steps : e911::Explain::reasons);
        for (std::size_t i = 0; i < rows.size(); ++i) {
            ahead.before(i);
            ++rows_;  // counted as the CLI counts them, so rows equal `e911 simulate --calls` rows
            if (!errors[i].empty()) {
                out.emplace_back("error", errors[i], nullptr);
                continue;
            }
            try {
                const e911::CallRow& row = parsed[i];
                if (row.kind == "callback") {
                    auto answer = session_.callback(row.elin, *row.time);
                    out.emplace_back("callback", e911::batch_row_to_json(rows_, row, nullptr, &answer), nullptr);
                } else {
                    auto answer = TracePool::take(pool_);
                    session_.call(row, answer->value());
                    out.emplace_back("trace", e911::batch_row_to_json(rows_, row, &answer->value(), nullptr, false), answer);
                    answer->steps_left_out = trace_;
                    if (trace_) answer->row = rows_, answer->call = std::move(parsed[i]);  // `row` is not read again
                }
            } catch (const e911::UsageError& e) {
                out.emplace_back("error", e.what(), nullptr);
            }
        }
        return out;
    }
    // A row's JSON (from run()) as the objects json.loads would make, made when the caller takes the
    // row: made a chunk at a time, a thousand rows' objects outgrew the caches before they were used.
    py::object row(const py::str& text) { return to_python_(view_of(text)); }
    // The same for a row whose steps run() left out, written whole from its Trace.
    py::object row_with_steps(const BatchTrace& answer) { return to_python_(answer.json_with_steps()); }
    // Record.to_row() of a row's JSON, without building its objects first.
    py::object flat(const py::str& text, const py::tuple& skip) { return to_python_.flat(view_of(text), skip); }
private:
    // A row's text (made by run(), always UTF-8) as the str holds it.
    static std::string_view view_of(const py::str& text) {
        Py_ssize_t n = 0;
        const char* p = PyUnicode_AsUTF8AndSize(text.ptr(), &n);
        if (!p) throw py::error_already_set();
        return {p, static_cast<std::size_t>(n)};
    }
    std::shared_ptr<Handle> h_;
    e911::CallSession session_;
    std::shared_ptr<TracePool> pool_ = std::make_shared<TracePool>();
    bool trace_;
    long long rows_ = 0;
    e911_py::JsonRows to_python_;
};

}  // namespace

PYBIND11_MODULE(_e911, m) {
    m.doc() = "Compiled core of the e911 package; use `import e911`.";
    // e911.Error for anything unexpected (never a bare RuntimeError); e911.UsageError (also a
    // ValueError) for bad arguments: unknown user, malformed address, unknown rule id.
    static PyObject* error = PyErr_NewException("e911.Error", PyExc_Exception, nullptr);
    static PyObject* usage = [] {
        PyObject* bases = PyTuple_Pack(2, error, PyExc_ValueError);
        PyObject* t = PyErr_NewException("e911.UsageError", bases, nullptr);
        Py_DECREF(bases);
        return t;
    }();
    m.add_object("Error", py::handle(error));
    m.add_object("UsageError", py::handle(usage));
    py::register_exception_translator([](std::exception_ptr p) {
        try {
            if (p) std::rethrow_exception(p);
        } catch (py::error_already_set& e) {
            e.restore();
        } catch (const py::builtin_exception& e) {
            e.set_error();
        } catch (const std::invalid_argument& e) {  // UsageError derives from it
            PyErr_SetString(usage, e.what());
        } catch (const std::bad_alloc&) {
            PyErr_SetString(PyExc_MemoryError, "out of memory");
        } catch (const std::exception& e) {
            PyErr_SetString(error, e.what());
        }
    });

    m.def("version", [] { return std::string(e911::version()); });
    m.def("schema", [] { return e911::schema_text(); });
    m.def("flatten", &e911_py::flatten, py::arg("out"), py::arg("prefix"), py::arg("data"), py::arg("skip"));
    // What Session.row makes of a row's JSON, for the tests that hold it to json.loads.
    m.def("row_from_json", [](const std::string& text) { return e911_py::JsonRows()(text); });
    // What Session.flat makes of a row's JSON, for the tests that hold it to flatten(json.loads(text)).
    m.def("flat_from_json", [](const std::string& text, const py::tuple& skip) { return e911_py::JsonRows().flat(text, skip); });
    bind_answer<Findings>(m, "Findings");
    bind_answer<Diagnostics>(m, "Diagnostics");
    bind_answer<Matrix>(m, "Matrix");
    bind_answer<DiffAnswer>(m, "DiffAnswer");
    bind_answer<TraceAnswer>(m, "TraceAnswer");
    py::class_<BatchTrace, TraceAnswer, std::shared_ptr<BatchTrace>>(m, "BatchTrace")
        .def_readonly("steps_left_out", &BatchTrace::steps_left_out);
    bind_answer<Rules>(m, "Rules");
    m.def("rules", [] { return std::make_shared<Rules>(e911::rules()); });
    m.def("table_schemas", &table_schemas);
    m.def("rule_doc", &e911::rule_doc);

    py::class_<Handle, std::shared_ptr<Handle>>(m, "Handle")
        .def("diagnostics", [](const Handle& h) { return std::make_shared<Diagnostics>(h.diagnostics()); })
        .def("ok", [](const Handle& h) { return !e911::has_errors(h.diagnostics()); })
        .def("model_json", [](const Handle& h) { return e911::config_to_json(h.config(), true, -1); })
        .def("lint",
             [](const Handle& h, std::vector<std::string> select, std::vector<std::string> ignore, std::string today) {
                 e911::LintOptions opt{std::move(select), std::move(ignore), std::move(today), {}};
                 std::vector<e911::Finding> fs;
                 {
                     py::gil_scoped_release release;
                     fs = e911::lint(h.config(), opt);
                 }
                 auto load = e911::findings_from_diagnostics(h.diagnostics());
                 fs.insert(fs.begin(), load.begin(), load.end());
                 return std::make_shared<Findings>(std::move(fs));
             })
        .def("simulate",
             [](Handle& h, const py::dict& fields) {
                 auto row = e911::call_row_from_fields(fields_of(fields));
                 if (row.kind != "call") throw e911::UsageError("simulate() places calls; use simulate_many() for callbacks");
                 py::gil_scoped_release release;
                 return std::make_shared<TraceAnswer>(h.simulator().simulate(row.caller));
             })
        .def("matrix",
             [](Handle& h, const std::vector<std::string>& down) {
                 py::gil_scoped_release release;
                 return std::make_shared<Matrix>(e911::matrix(h.simulator(), down));
             })
        .def("report_html",
             [](Handle& h, std::string today) {
                 e911::LintOptions opt;
                 opt.today = std::move(today);
                 py::gil_scoped_release release;
                 return e911::report_html(h.config(), opt);
             })
        .def("pidf", [](const Handle& h, const std::string& id, bool nam) { return e911::pidf(h.config(), id, nam); })
        // Config.export(): {file name: text}; the PowerShell script is one file.
        .def("export_files", [](const Handle& h, const std::string& to, const Handle* since) {
            if (to != "powershell" && to != "cmdlet-json") throw e911::UsageError("to must be \"powershell\" or \"cmdlet-json\"");
            if (since && to != "powershell") throw e911::UsageError("since applies to to=\"powershell\" only");
            auto target = to == "powershell" ? e911::ExportTarget::powershell : e911::ExportTarget::cmdlet_json;
            std::map<std::string, std::string> out;
            for (auto& f : e911::export_config(h.config(), target, since ? &since->config() : nullptr)) out[f.name] = std::move(f.text);
            return out;
        }, py::arg("to"), py::arg("since") = nullptr);

    py::class_<Session>(m, "Session")
        .def(py::init<std::shared_ptr<Handle>, bool>())
        .def("run", &Session::run)
        .def("row", &Session::row)
        .def("row_with_steps", &Session::row_with_steps)
        .def("flat", &Session::flat);

    m.def("load", [](const py::list& path_list, bool allow_include_outside, std::uint64_t max_file_size) {
        std::vector<std::string> paths;
        for (auto p : path_list) paths.push_back(utf8_arg(p, "a path"));
        auto options = load_options(allow_include_outside, max_file_size);
        e911::LoadResult r;
        {
            py::gil_scoped_release release;
            r = e911::load_files(paths, options);
        }
        return std::make_shared<Handle>(std::move(r));
    });
    m.def("loads", [](const py::object& text_arg, const std::string& format, const py::object& name_arg, bool allow_include_outside,
                      std::uint64_t max_file_size) {
        std::string text = utf8_arg(text_arg, "the configuration text");
        std::string name = utf8_arg(name_arg, "`name`");
        e911::Format f = format == "json" ? e911::Format::json : format == "yaml" ? e911::Format::yaml : e911::Format::automatic;
        if (format != "json" && format != "yaml" && format != "auto") throw e911::UsageError("format must be \"yaml\", \"json\" or \"auto\"");
        auto options = load_options(allow_include_outside, max_file_size);
        e911::LoadResult r;
        {
            py::gil_scoped_release release;
            r = e911::load_string(text, f, name, ".", options);
        }
        return std::make_shared<Handle>(std::move(r));
    });
    m.def("diff", [](const Handle& a, const Handle& b, std::string today, const std::vector<std::string>& down) {
        e911::LintOptions opt;
        opt.today = std::move(today);
        py::gil_scoped_release release;
        return std::make_shared<DiffAnswer>(e911::diff(a.config(), b.config(), opt, down));
    });
}
