// File helpers: whole-file reads, SHA-256 fingerprints, and writes that never leave a half-written
// output behind (write to a temporary name in the same folder, then rename).
//
// Thread-safety: functions are thread-safe; concurrent AtomicWrite to one path is last-wins.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "hedis_mockup/status.h"

namespace hm::util {

// The whole file. Errors name the file and the OS reason.
Result<std::string> ReadFile(const std::string& path);

// Hex SHA-256 of a file's bytes, streamed (memory does not grow with the file).
Result<std::string> Sha256File(const std::string& path);

// Hex SHA-256 of `bytes`.
std::string Sha256Hex(std::string_view bytes);

// Writes `bytes` to `path` atomically: readers see the old file or the whole new one, never part.
// Creates missing parent folders.
Status AtomicWrite(const std::string& path, std::string_view bytes);

// The same for writers that need a file name (libxlsxwriter, SQLite): `write` writes the whole
// output to the temporary path it is given, beside `path`; if it succeeds the temporary is renamed
// onto `path`, otherwise it is removed and `path` is left as it was. Creates missing parent folders.
Status WriteViaTemporary(const std::string& path,
                         const std::function<Status(const std::string& temporary)>& write);

// A hidden name beside `path` with our pid and a per-process counter, so that concurrent writers
// (or two parts of one writer) never share a temporary; in the same folder, so rename() works.
std::string TemporaryBeside(const std::string& path);

// Where the product keeps its state (caches, and later the audit log): $HEDIS_MOCKUP_HOME if set,
// else $XDG_DATA_HOME/hedis-mockup, else ~/.local/share/hedis-mockup. Not created here.
std::string StateHome();

}  // namespace hm::util
