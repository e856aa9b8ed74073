// JSON rows straight to Python objects: the batch's rows (a Trace's is 3.7 kB with its steps) were
// handed over as text and parsed by json.loads, which was half of simulate_many()'s time.
#pragma once
#include <pybind11/pybind11.h>

#include <memory>
#include <string_view>

namespace e911_py {
namespace py = pybind11;

// The objects json.loads(text) returns: dicts in document order, int, float, str, bool, None. One
// reader per session (not thread-safe); it keeps the keys it has made, since every row repeats them.
// Text that simdjson refuses (an integer past 64 bits, say) goes to json.loads, so the answer is
// always json.loads's; the GIL must be held.
class JsonRows {
public:
    JsonRows();
    ~JsonRows();
    JsonRows(const JsonRows&) = delete;
    JsonRows& operator=(const JsonRows&) = delete;
    py::object operator()(std::string_view text);
    // Record.to_row() of the row `text` (flatten()'s rules, top-level keys in `skip` left out), made
    // straight from the JSON: the nested dicts and lists are never built. For the batch's own rows,
    // which repeat no key (json.loads keeps a repeated object's last value only). Its values are all str,
    // int, float, bool or None, so the dict is not left for the cycle collector to visit.
    py::object flat(std::string_view text, const py::tuple& skip);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace e911_py
