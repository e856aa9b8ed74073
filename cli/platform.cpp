// POSIX and Windows spellings of "is this stream a terminal".
#include "platform.hpp"

#if defined(_WIN32)
#include <io.h>
#include <cstdio>
#define E911_ISATTY(fd) _isatty(fd)
#define E911_FILENO(f) _fileno(f)
#else
#include <unistd.h>
#include <cstdio>
#define E911_ISATTY(fd) isatty(fd)
#define E911_FILENO(f) fileno(f)
#endif

namespace cli::platform {

bool stdout_is_tty() { return E911_ISATTY(E911_FILENO(stdout)) != 0; }
bool stderr_is_tty() { return E911_ISATTY(E911_FILENO(stderr)) != 0; }

}  // namespace cli::platform
