// Record.to_row()'s flattening as a loop in C over the dicts: nested keys joined with '.', a list's
// items joined with ' ' (a dict item as its JSON), everything else as it is. In Python this loop was
// most of the time of turning a million batch rows into table rows. tests/python/test_record_rows.py
// holds the same rules in Python and checks the two agree.
#include "flatten.hpp"

namespace e911_py {
namespace {

py::object steal(PyObject* o) {
    if (!o) throw py::error_already_set();
    return py::reinterpret_steal<py::object>(o);
}

PyObject* json_dumps() {
    static PyObject* dumps = py::object(py::module_::import("json").attr("dumps")).release().ptr();  // kept for the process
    return dumps;
}

py::object joined(PyObject* list, PyObject* dumps) {
    const Py_ssize_t n = PyList_GET_SIZE(list);
    py::list parts(n);
    for (Py_ssize_t i = 0; i < n; ++i) {
        PyObject* item = PyList_GET_ITEM(list, i);
        PyObject* text = PyDict_Check(item) ? PyObject_CallOneArg(dumps, item) : PyObject_Str(item);
        if (!text) throw py::error_already_set();
        PyList_SET_ITEM(parts.ptr(), i, text);  // steals `text`
    }
    static PyObject* space = PyUnicode_FromString(" ");  // kept for the process: no destructor after Python ends
    return steal(PyUnicode_Join(space, parts.ptr()));
}

void into(PyObject* out, PyObject* prefix, PyObject* data, PyObject* skip, PyObject* dumps) {
    static PyObject* dot = PyUnicode_FromString(".");
    Py_ssize_t pos = 0;
    PyObject *key, *value;
    while (PyDict_Next(data, &pos, &key, &value)) {
        if (skip) {
            int skipped = PySequence_Contains(skip, key);
            if (skipped < 0) throw py::error_already_set();
            if (skipped) continue;
        }
        py::object name = steal(PyUnicode_Concat(prefix, key));
        if (PyDict_Check(value)) {
            py::object nested = steal(PyUnicode_Concat(name.ptr(), dot));
            into(out, nested.ptr(), value, nullptr, dumps);
            continue;
        }
        py::object cell = PyList_Check(value) ? joined(value, dumps) : py::reinterpret_borrow<py::object>(value);
        if (PyDict_SetItem(out, name.ptr(), cell.ptr()) < 0) throw py::error_already_set();
    }
}

}  // namespace

void flatten(const py::dict& out, const py::str& prefix, const py::dict& data, const py::tuple& skip) {
    into(out.ptr(), prefix.ptr(), data.ptr(), skip.ptr(), json_dumps());
}

py::object joined_cell(PyObject* list) { return joined(list, json_dumps()); }

}  // namespace e911_py
