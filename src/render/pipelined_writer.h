// A TableWriter that hands rows to another on a thread of its own, so that making the rows
// (synthesis, rendering, the quality check) and writing them (SQLite, CSV) use two cores. Rows are
// copied into batches; at most a few batches wait, so memory stays bounded however many rows go
// through.
//
// The wrapped writer sees Begin, every Row in order, and Finish, from the worker thread. It gets
// an empty RowOrigin: the formats do not read it (the quality checker, which does, stays on the
// caller's thread). An error of the wrapped writer is returned by the next call after it happened.
//
// Thread-safety: like any TableWriter, one caller thread at a time.
#pragma once

#include <memory>

#include "render/table_writer.h"

namespace hm::render {

std::unique_ptr<TableWriter> Pipelined(std::unique_ptr<TableWriter> writer);

}  // namespace hm::render
