// simulate_many()'s calls read and checked in C++: the loop over each call's dict in Python was a
// third of a batch row's time.
#pragma once
#include <pybind11/pybind11.h>

#include <cstddef>
#include <map>
#include <string>

namespace e911_py {
namespace py = pybind11;

// One call (a dict of column -> value) as the fields call_row_from_fields() reads. A value is a str
// or an int (its digits), None for no value; `ip` and `public_ip` may also be a list or tuple of str
// (a dual-stack caller's addresses, joined with a space). `down` is added when the call has none and
// it is not empty. Anything else is TypeError, worded as the Python facade words its own:
//   simulate_many(): `calls[3]['time']` must be a str or int, not float
// where 3 is `index`, the call's place in the caller's iterable.
std::map<std::string, std::string> call_fields(py::handle call, std::size_t index, const std::string& down);

}  // namespace e911_py
