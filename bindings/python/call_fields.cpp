#include "call_fields.hpp"

#include "utf8_arg.hpp"

namespace e911_py {
namespace {

std::string type_name(py::handle v) { return py::str(py::type::handle_of(v).attr("__name__")); }

[[noreturn]] void wrong(std::size_t index, py::handle key, const char* expected, py::handle value) {
    std::string where = "`calls[" + std::to_string(index) + "]";
    if (key) where += "[" + std::string(py::str(py::repr(key))) + "]";
    throw py::type_error("simulate_many(): " + where + "` must be " + expected + ", not " + type_name(value));
}

// str(v) of a str or int (bool is not a number here: True would become "True").
bool text_of(PyObject* v, std::string& out, const std::string& what) {
    if (PyBool_Check(v) || !(PyUnicode_Check(v) || PyLong_Check(v))) return false;
    out = utf8_arg(v, what);
    return true;
}

// A dual-stack caller's addresses: a non-empty list or tuple of str, joined with a space.
bool addresses_of(PyObject* v, std::string& out, const std::string& what) {
    if (!PyList_Check(v) && !PyTuple_Check(v)) return false;
    py::sequence items = py::reinterpret_borrow<py::sequence>(v);
    if (items.size() == 0) return false;
    out.clear();
    for (auto item : items) {
        if (!PyUnicode_Check(item.ptr())) return false;
        if (!out.empty()) out += ' ';
        out += utf8_arg(item.ptr(), what);
    }
    return true;
}

}  // namespace

std::map<std::string, std::string> call_fields(py::handle call, std::size_t index, const std::string& down) {
    if (!PyDict_Check(call.ptr())) wrong(index, {}, "a dict of column -> value", call);
    std::map<std::string, std::string> fields;
    PyObject *key, *value;
    Py_ssize_t pos = 0;
    while (PyDict_Next(call.ptr(), &pos, &key, &value)) {
        if (!PyUnicode_Check(key)) wrong(index, key, "a str or int", value);
        if (value == Py_None) continue;
        std::string name = utf8_arg(key, "a field name");
        const bool address = name == "ip" || name == "public_ip";
        std::string text;
        if (address && (PyList_Check(value) || PyTuple_Check(value))) {
            if (!addresses_of(value, text, "field `" + name + "`")) wrong(index, key, "a str or a list of str", value);
        } else if (!text_of(value, text, "field `" + name + "`")) {
            wrong(index, key, "a str or int", value);
        }
        fields[std::move(name)] = std::move(text);
    }
    if (!down.empty()) fields.emplace("down", down);
    return fields;
}

}  // namespace e911_py
