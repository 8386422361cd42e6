// The on-disk cache of a parsed Value Set Directory: a compact binary image of Data, written once
// per distinct input and read back in a fraction of the time the workbook takes to parse.
//
// Why a hand-written format: the cache is read on every command, holds ~10^5 codes, and must load
// in well under 0.1 s; JSON/CBOR via nlohmann builds a document tree first (several times slower
// and larger), and SQLite would need the same indexes rebuilt after reading. The format is
// versioned and every offset and index is bounds-checked on read, so a stale, truncated or
// foreign file is rejected (and rebuilt), never trusted.
//
// Thread-safety: functions are thread-safe; writes are atomic (temporary file, then rename).
#pragma once

#include <string>

#include "hedis_mockup/status.h"
#include "vsd/vsd_data.h"

namespace hm::vsd {

std::string EncodeCache(const ValueSetDirectory::Data& data);
// kInvalidInput if `bytes` is not a complete cache of this format version.
Result<ValueSetDirectory::Data> DecodeCache(std::string_view bytes);

}  // namespace hm::vsd
