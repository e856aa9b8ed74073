#include "utf8_arg.hpp"

#include <stdexcept>

namespace e911_py {

std::string utf8_arg(const py::handle& o, const std::string& what) {
    if (PyBytes_Check(o.ptr())) return std::string(PyBytes_AS_STRING(o.ptr()), static_cast<std::size_t>(PyBytes_GET_SIZE(o.ptr())));
    py::str s = py::str(o);
    Py_ssize_t n = 0;
    const char* p = PyUnicode_AsUTF8AndSize(s.ptr(), &n);
    if (p) return std::string(p, static_cast<std::size_t>(n));
    PyErr_Clear();
    throw std::runtime_error(what + " is not valid Unicode text (it holds a lone surrogate, which has no UTF-8 form)");
}

}  // namespace e911_py
