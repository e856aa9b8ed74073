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

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace e911_py
