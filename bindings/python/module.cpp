// _e911: the compiled half of the Python module. It passes JSON text and plain values across,
// so every answer is serialised by the same C++ code the CLI uses; the Python facade (e911/)
// turns them into objects.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <memory>
#include <optional>

#include "e911/e911.hpp"

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

std::map<std::string, std::string> fields_of(const py::dict& d) {
    std::map<std::string, std::string> f;
    for (auto item : d) {
        if (item.second.is_none()) continue;
        f[py::str(item.first)] = py::str(item.second);
    }
    return f;
}

// A batch session: ELIN memory across calls.
class Session {
public:
    explicit Session(std::shared_ptr<Handle> h) : h_(std::move(h)), session_(h_->simulator()) {}
    // Each row -> ("trace"|"callback"|"error", json or message). Runs without the GIL.
    std::vector<std::pair<std::string, std::string>> run(const std::vector<std::map<std::string, std::string>>& rows) {
        std::vector<std::pair<std::string, std::string>> out;
        py::gil_scoped_release release;
        for (const auto& fields : rows) {
            try {
                ++rows_;  // counted as the CLI counts them, so rows equal `e911 simulate --calls` rows
                auto row = e911::call_row_from_fields(fields);
                if (row.kind == "callback") {
                    auto answer = session_.callback(row.elin, *row.time);
                    out.emplace_back("callback", e911::batch_row_to_json(rows_, row, nullptr, &answer));
                } else {
                    auto trace = session_.call(row);
                    out.emplace_back("trace", e911::batch_row_to_json(rows_, row, &trace, nullptr));
                }
            } catch (const e911::UsageError& e) {
                out.emplace_back("error", e.what());
            }
        }
        return out;
    }
private:
    std::shared_ptr<Handle> h_;
    e911::CallSession session_;
    long long rows_ = 0;
};

std::string diagnostics_json(const std::vector<e911::Diagnostic>& d) { return e911::diagnostics_to_json(d, -1); }

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
    m.def("rules_json", [] {
        std::string s = "[";
        for (const auto& r : e911::rules()) {
            if (s.size() > 1) s += ",";
            s += "{\"id\":\"" + r.id + "\",\"severity\":\"" + e911::to_string(r.severity) + "\",\"category\":\"" + r.category + "\"}";
        }
        return s + "]";
    });
    m.def("rule_doc", &e911::rule_doc);

    py::class_<Handle, std::shared_ptr<Handle>>(m, "Handle")
        .def("diagnostics_json", [](const Handle& h) { return diagnostics_json(h.diagnostics()); })
        .def("ok", [](const Handle& h) { return !e911::has_errors(h.diagnostics()); })
        .def("model_json", [](const Handle& h) { return e911::config_to_json(h.config(), true, -1); })
        .def("lint_json",
             [](const Handle& h, std::vector<std::string> select, std::vector<std::string> ignore, std::string today) {
                 e911::LintOptions opt{std::move(select), std::move(ignore), std::move(today), {}};
                 std::vector<e911::Finding> fs;
                 {
                     py::gil_scoped_release release;
                     fs = e911::lint(h.config(), opt);
                 }
                 auto load = e911::findings_from_diagnostics(h.diagnostics());
                 fs.insert(fs.begin(), load.begin(), load.end());
                 return e911::findings_to_json(fs, -1);
             })
        .def("simulate_json",
             [](Handle& h, const py::dict& fields) {
                 auto row = e911::call_row_from_fields(fields_of(fields));
                 if (row.kind != "call") throw e911::UsageError("simulate() places calls; use simulate_many() for callbacks");
                 py::gil_scoped_release release;
                 return e911::trace_to_json(h.simulator().simulate(row.caller), -1);
             })
        .def("matrix_json",
             [](Handle& h) {
                 py::gil_scoped_release release;
                 return e911::matrix_to_json(e911::matrix(h.simulator()), -1);
             })
        .def("pidf", [](const Handle& h, const std::string& id, bool nam) { return e911::pidf(h.config(), id, nam); });

    py::class_<Session>(m, "Session").def(py::init<std::shared_ptr<Handle>>()).def("run", &Session::run);

    m.def("load", [](const std::vector<std::string>& paths) {
        e911::LoadResult r;
        {
            py::gil_scoped_release release;
            r = e911::load_files(paths);
        }
        return std::make_shared<Handle>(std::move(r));
    });
    m.def("loads", [](const std::string& text, const std::string& format, const std::string& name) {
        e911::Format f = format == "json" ? e911::Format::json : format == "yaml" ? e911::Format::yaml : e911::Format::automatic;
        if (format != "json" && format != "yaml" && format != "auto") throw e911::UsageError("format must be \"yaml\", \"json\" or \"auto\"");
        e911::LoadResult r;
        {
            py::gil_scoped_release release;
            r = e911::load_string(text, f, name);
        }
        return std::make_shared<Handle>(std::move(r));
    });
    m.def("diff_json", [](const Handle& a, const Handle& b, std::string today) {
        e911::LintOptions opt;
        opt.today = std::move(today);
        py::gil_scoped_release release;
        return e911::diff_to_json(e911::diff(a.config(), b.config(), opt), -1);
    });
}
