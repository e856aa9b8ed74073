// Reading and writing files so that no input can hang or exhaust the process and no failed write
// can leave a half-written file: regular files only, bounded size, atomic replacement.
#pragma once
#include <cstdint>
#include <stdexcept>
#include <string>

namespace e911 {

// "cannot read FILE: reason" / "cannot write FILE: reason".
class FileError : public std::runtime_error {
public:
    explicit FileError(const std::string& message) : std::runtime_error(message) {}
};

// The whole file as bytes. Only regular files (after following symbolic links) are read: a
// directory, FIFO, socket or device is refused before it is opened for reading, so /dev/zero or
// a named pipe cannot exhaust memory or block. Throws FileError naming the file and the reason
// (no such file, permission denied, a symbolic-link loop, larger than `max_bytes`, ...).
std::string read_file(const std::string& path, std::uint64_t max_bytes);

// Replaces `path` with `text`: written to a temporary file in the same directory, flushed to
// disk, checked and renamed over the target, so the old file stays intact when anything fails
// (full disk, no permission). A target that is not a regular file (/dev/stdout, a pipe) is
// written directly. Throws FileError "cannot write FILE: reason".
void write_file(const std::string& path, const std::string& text);

}  // namespace e911
