#include "read/csv_parser.h"

#include <algorithm>
#include <fmt/format.h>

namespace hm::read {
namespace {

constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

// Characters that may end a run of ordinary field text.
bool IsSpecial(char c) { return c == ',' || c == '"' || c == '\n' || c == '\r' || c == '\0'; }

bool IsLineBreak(char c) { return c == '\n' || c == '\r'; }

}  // namespace

CsvParser::CsvParser(std::string file, const ReadLimits& limits, const RowVisitor& visit)
    : file_(std::move(file)), limits_(limits), visit_(visit) {
  row_.number = 1;
  BeginField();
}

Status CsvParser::Error(Status status) const { return std::move(status).InFile(file_); }

void CsvParser::BeginField() {
  if (field_ >= row_.cells.size()) row_.cells.emplace_back();
  Cell& cell = row_.cells[field_];
  cell.type = Cell::Type::kString;
  cell.text.clear();  // keeps the capacity, so most records allocate nothing
  cell.number = 0;
  state_ = State::kFieldStart;
}

Status CsvParser::Append(std::string_view text) {
  std::string& field = row_.cells[field_].text;
  if (field.size() + text.size() > limits_.max_csv_field_bytes) {
    return Error(Status::LimitExceeded(
                     fmt::format("a field is longer than the {} bytes allowed",
                                 limits_.max_csv_field_bytes),
                     "check for a quote that was opened and never closed, or split the field")
                     .AtLine(row_.number)
                     .AtCell(0, static_cast<std::int64_t>(field_) + 1));
  }
  field += text;
  return Status::Ok();
}

// Counts a line break; after a CR, an LF that follows belongs to the same break.
void CsvParser::LineBreak(char c) {
  ++line_;
  after_cr_ = c == '\r';
}

Status CsvParser::EndField() {
  if (static_cast<std::int64_t>(field_) + 2 > limits_.max_columns) {
    return Error(Status::LimitExceeded(fmt::format("a record has more than the {} fields allowed",
                                                   limits_.max_columns),
                                       "check the delimiter, or split the file")
                     .AtLine(row_.number));
  }
  ++field_;
  BeginField();
  return Status::Ok();
}

Status CsvParser::EndRecord() {
  row_.cells.resize(field_ + 1);
  const bool blank =
      std::all_of(row_.cells.begin(), row_.cells.end(), [](const Cell& c) { return c.empty(); });
  if (!blank) {
    Status status = visit_(row_);
    if (!status.ok()) return Error(std::move(status).AtLine(row_.number));
    ++rows_read_;
  }
  field_ = 0;
  BeginField();
  return Status::Ok();
}

// One character that is not part of a run of ordinary text.
Status CsvParser::Step(char c) {
  if (c == '\0') {
    return Error(Status::InvalidInput(
                     "contains a NUL byte, so it is not CSV text (UTF-16 'Unicode text' exports "
                     "look like this)",
                     "export the sheet from Excel as 'CSV UTF-8 (Comma delimited)'")
                     .AtLine(line_));
  }
  switch (state_) {
    case State::kQuoted:
      if (c == '"') {
        state_ = State::kQuoteInQuoted;
        return Status::Ok();
      }
      if (!IsLineBreak(c)) return Append(std::string_view(&c, 1));
      LineBreak(c);
      return Append("\n");
    case State::kQuoteInQuoted:
      if (c == '"') {  // a doubled quote stands for one
        state_ = State::kQuoted;
        return Append("\"");
      }
      break;
    case State::kFieldStart:
      if (c == '"') {
        state_ = State::kQuoted;
        quote_line_ = line_;
        return Status::Ok();
      }
      break;
    case State::kUnquoted:
      break;
  }
  // Outside quotes: the field or the record may end here.
  if (c == ',') return EndField();
  if (IsLineBreak(c)) {
    HM_RETURN_IF_ERROR(EndRecord());
    LineBreak(c);
    row_.number = line_;
    return Status::Ok();
  }
  state_ = State::kUnquoted;
  return Append(std::string_view(&c, 1));
}

Status CsvParser::Consume(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    if (after_cr_) {
      after_cr_ = false;
      if (text[i] == '\n') {
        ++i;
        continue;
      }
    }
    // Ordinary text is appended a run at a time rather than a character at a time.
    if (state_ == State::kUnquoted || state_ == State::kQuoted) {
      const auto special = std::find_if(text.begin() + i, text.end(), IsSpecial);
      const auto run = static_cast<std::size_t>(special - (text.begin() + i));
      if (run > 0) {
        HM_RETURN_IF_ERROR(Append(text.substr(i, run)));
        i += run;
        continue;
      }
    }
    HM_RETURN_IF_ERROR(Step(text[i++]));
  }
  return Status::Ok();
}

Status CsvParser::Feed(std::string_view chunk) {
  if (bom_checked_) return Consume(chunk);
  // The mark is three bytes and a chunk may be shorter, so hold the first bytes until it is
  // decided.
  head_ += chunk;
  if (head_.size() < kByteOrderMark.size()) return Status::Ok();
  bom_checked_ = true;
  const std::string head = std::move(head_);
  head_.clear();
  std::string_view text(head);
  if (text.starts_with(kByteOrderMark)) text.remove_prefix(kByteOrderMark.size());
  return Consume(text);
}

Status CsvParser::Finish() {
  if (!bom_checked_) {
    bom_checked_ = true;
    HM_RETURN_IF_ERROR(Consume(head_));
  }
  if (state_ == State::kQuoted) {
    return Error(Status::InvalidInput(
                     "the quoted field that starts on this line has no closing quote, so the "
                     "file ended inside it",
                     "close the quote; a quote inside a quoted field is written twice (\"\")")
                     .AtLine(quote_line_));
  }
  if (field_ > 0 || state_ != State::kFieldStart) return EndRecord();
  return Status::Ok();
}

}  // namespace hm::read
