// What the writers' tests share: the rows they write (quotes, commas, line breaks, non-ASCII text,
// empty cells, leading zeros, a formula-like text, interleaved sheets), writing them, and the one
// change our readers make to a cell.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "render/table_writer.h"

namespace hm::render::writer_test {

using Cells = std::vector<std::string>;
using Table = std::vector<Cells>;
using Rows = std::vector<std::pair<std::size_t, Cells>>;  // (sheet, cells), in writing order

// Five columns for sheet 0, three for sheet 1.
inline const Rows kRows = {
    {0, {"M001", "O'Brien, \"Jr\"", "01/31/2026", "Zürich — Genève 東京", "line1\nline2"}},
    {1, {"M001", "02/10/2026", "99213"}},
    {1, {"M001", "03/01/2026", ""}},
    {0, {"M002", "", "12/31/1956", "", ""}},
    {1, {"M002", "", "0450"}},
    {0, {"00123", "  padded  ", "2026-01-01", "a\r\nb", "=1+2"}},
};

// Begin, then every row; a failure is a test failure.
inline void WriteAll(TableWriter& writer, const std::vector<SheetSpec>& sheets, const Rows& rows) {
  const Status began = writer.Begin(sheets);
  ASSERT_TRUE(began.ok()) << began.ToString();
  for (const auto& [sheet, cells] : rows) {
    const Status status = writer.Row(sheet, cells, RowOrigin{});
    ASSERT_TRUE(status.ok()) << status.ToString();
  }
}

// Our readers turn a CR LF inside a cell into LF (read/cell_values.cc); the files hold the CR.
inline Table WithoutCr(Table table) {
  for (Cells& row : table) {
    for (std::string& cell : row) {
      for (std::size_t i; (i = cell.find("\r\n")) != std::string::npos;) cell.erase(i, 1);
    }
  }
  return table;
}

}  // namespace hm::render::writer_test
