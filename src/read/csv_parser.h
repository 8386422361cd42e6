// CsvParser: an incremental RFC 4180 parser, fed chunks of any size, that hands each record to a
// RowVisitor as a Row of kString cells.
//
// Hand-written rather than taken from a library: none of the project's Debian dependencies is a
// well-kept CSV parser, and we need what general parsers rarely give together: the line on which
// each record starts (for error messages), limits on field size for untrusted uploads, streaming
// in chunks, and the line where an unterminated quote began.
//
// Leniency, on purpose, because users' files come from many tools: a quote inside an unquoted
// field is kept as a character; text after a closing quote is appended to the field (as Excel
// reads it); line breaks are CRLF, LF or a lone CR, and inside quotes each becomes "\n".
//
// Thread-safety: one parser per thread.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "hedis_mockup/status.h"
#include "read/workbook.h"

namespace hm::read {

class CsvParser {
 public:
  // `file` names the input in errors. `visit` must outlive the parser.
  CsvParser(std::string file, const ReadLimits& limits, const RowVisitor& visit);

  // Parses the next chunk, visiting every record it completes.
  [[nodiscard]] Status Feed(std::string_view chunk);
  // Ends the input: visits a last record that has no line break after it.
  [[nodiscard]] Status Finish();

  std::int64_t rows_read() const { return rows_read_; }

 private:
  enum class State : std::uint8_t { kFieldStart, kUnquoted, kQuoted, kQuoteInQuoted };

  Status Consume(std::string_view text);
  Status Step(char c);
  Status Append(std::string_view text);
  void LineBreak(char c);
  Status EndField();
  Status EndRecord();
  void BeginField();
  Status Error(Status status) const;

  std::string file_;
  const ReadLimits& limits_;
  const RowVisitor& visit_;

  State state_ = State::kFieldStart;
  Row row_;
  std::size_t field_ = 0;        // index of the field being read in row_.cells
  std::int64_t line_ = 1;        // line of the next character
  std::int64_t quote_line_ = 0;  // line where the open quoted field began
  bool after_cr_ = false;        // the last character was a CR, so an LF next ends nothing new
  bool bom_checked_ = false;
  std::string head_;             // the input's first bytes, until the byte-order mark is decided
  std::int64_t rows_read_ = 0;
};

}  // namespace hm::read
