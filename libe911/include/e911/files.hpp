// Reading and writing files so that no input can hang or exhaust the process and no failed write
// can leave a half-written file: regular files only, bounded size, atomic replacement.
#pragma once
#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>

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

// Where text made a piece at a time goes: each call appends one piece (render() of findings, the
// writer below).
using TextSink = std::function<void(std::string_view)>;

// The same for text made a piece at a time, so a large report is never held whole: `produce` is
// called once, with a sink that appends each piece it is given to the file. As safe as the call
// above: if a write fails or `produce` throws, the old file is left as it was and the exception
// propagates.
//
//   e911::write_file("report.txt", [&](const e911::TextSink& write) {
//       e911::render(findings, e911::ReportFormat::text, {}, write);
//   });
void write_file(const std::string& path, const std::function<void(const TextSink&)>& produce);

}  // namespace e911
