// The one place the CLI asks the operating system something the C++ standard library cannot answer,
// so the rest builds unchanged on Linux, macOS and Windows (MSVC).
#pragma once

namespace cli::platform {

// True when standard output (or standard error) is an interactive terminal, not a file or pipe.
bool stdout_is_tty();
bool stderr_is_tty();

}  // namespace cli::platform
