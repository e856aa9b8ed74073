// Python text arguments as UTF-8, for every entry point of the module.
#pragma once
#include <pybind11/pybind11.h>

#include <string>

namespace e911_py {
namespace py = pybind11;

// str(o) as UTF-8 (bytes as they are). A str that cannot be UTF-8 (a lone surrogate, e.g. from a
// file name read with surrogateescape) is e911.Error naming the argument `what`, not pybind11's
// TypeError.
std::string utf8_arg(const py::handle& o, const std::string& what);

}  // namespace e911_py
