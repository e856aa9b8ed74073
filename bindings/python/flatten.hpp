// _e911.flatten(out, prefix, data, skip): the flat dict behind Record.to_row() (flatten.cpp).
#pragma once
#include <pybind11/pybind11.h>

namespace e911_py {
namespace py = pybind11;

// Adds `data`'s entries to `out` under `prefix`: nested dicts as "a.b" keys, lists as their items
// joined with ' ' (dict items as JSON), other values unchanged. Top-level keys in `skip` are left out.
void flatten(const py::dict& out, const py::str& prefix, const py::dict& data, const py::tuple& skip);

// A list's cell in a flat row: its items' str() joined with ' ', a dict item as json.dumps(item).
py::object joined_cell(PyObject* list);

}  // namespace e911_py
