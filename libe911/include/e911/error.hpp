// The library's error vocabulary: what it reports as data and what it throws.
//
// Problems in a configuration are data, never exceptions: a load Diagnostic (diagnostic.hpp) or a
// lint Finding (lint.hpp), both a Problem (severity, file, line, column, message, hint) plus what
// identifies them. Exceptions are for callers' mistakes and for the convenience wrappers, and every
// exception the library throws is an e911::Error:
//
//   e911::Error         catch-all base; what() says what went wrong and how to fix it
//   ├─ UsageError       a bad argument: unknown user/location/rule id, malformed caller or batch row,
//   │                   invalid baseline. Also a std::invalid_argument, as before.
//   └─ LoadError        load_or_throw() met error diagnostics; carries them. Also a std::runtime_error.
//
//   try { auto cfg = e911::load_or_throw({"tenant.yaml"}); ... }
//   catch (const e911::LoadError& e) { for (auto& d : e.diagnostics()) report(d); }
//   catch (const e911::Error& e) { std::cerr << e.what() << "\n"; }
//
// Error is a mixin rather than a std::exception subclass so that UsageError stays a
// std::invalid_argument and LoadError a std::runtime_error (code catching those keeps working)
// while each has exactly one std::exception base. Thread-safety: these are plain values.
#pragma once
#include <stdexcept>
#include <string>
#include <vector>

#include "e911/diagnostic.hpp"

namespace e911 {

class Error {
public:
    virtual ~Error() = default;
    virtual const char* what() const noexcept = 0;

protected:
    Error() = default;
    Error(const Error&) = default;
    Error& operator=(const Error&) = default;
};

// A caller's mistake: the message names the field (or rule, user, location) and the fix.
class UsageError : public std::invalid_argument, public Error {
public:
    explicit UsageError(const std::string& message) : std::invalid_argument(message) {}
    explicit UsageError(const char* message) : std::invalid_argument(message) {}
    const char* what() const noexcept override { return std::invalid_argument::what(); }
};

// Thrown by load_or_throw(); carries every diagnostic of the failed load.
class LoadError : public std::runtime_error, public Error {
public:
    explicit LoadError(std::vector<Diagnostic> d);
    const char* what() const noexcept override { return std::runtime_error::what(); }
    const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }

private:
    std::vector<Diagnostic> diagnostics_;
};

}  // namespace e911
