#include "hedis_mockup/status.h"

#include <fmt/format.h>

namespace hm {

std::string ColumnLetters(std::int64_t column) {
  std::string letters;
  while (column > 0) {
    --column;
    letters.insert(letters.begin(), static_cast<char>('A' + column % 26));
    column /= 26;
  }
  return letters;
}

std::string Location::ToString() const {
  std::string where;
  auto add = [&where](const std::string& part) {
    if (!where.empty()) where += ", ";
    where += part;
  };
  if (!sheet.empty()) add(fmt::format("sheet '{}'", sheet));
  if (row > 0) add(fmt::format("row {}", row));
  if (column > 0) add(fmt::format("column {}", ColumnLetters(column)));
  if (line > 0) add(fmt::format("line {}", line));
  if (file.empty()) return where;
  return where.empty() ? file : file + ": " + where;
}

Status::Status(StatusCode code, std::string message, std::string hint)
    : rep_(std::make_unique<Rep>(Rep{code, std::move(message), std::move(hint), {}, {},
                                     Severity::kFatal})) {}

Status::Status(const Status& other)
    : rep_(other.rep_ ? std::make_unique<Rep>(*other.rep_) : nullptr) {}

Status& Status::operator=(const Status& other) {
  if (this != &other) rep_ = other.rep_ ? std::make_unique<Rep>(*other.rep_) : nullptr;
  return *this;
}

Status Status::InvalidInput(std::string message, std::string hint) {
  return Status(StatusCode::kInvalidInput, std::move(message), std::move(hint));
}
Status Status::NotFound(std::string message, std::string hint) {
  return Status(StatusCode::kNotFound, std::move(message), std::move(hint));
}
Status Status::LimitExceeded(std::string message, std::string hint) {
  return Status(StatusCode::kLimitExceeded, std::move(message), std::move(hint));
}
Status Status::IoError(std::string message, std::string hint) {
  return Status(StatusCode::kIoError, std::move(message), std::move(hint));
}
Status Status::Internal(std::string message) {
  return Status(StatusCode::kInternal, std::move(message),
                "this is a bug in hedis-mockup; please report it with the command you ran");
}

namespace {
const std::string kEmpty;
const Location kNowhere;
const std::vector<std::string> kNone;
}  // namespace

const std::string& Status::message() const { return rep_ ? rep_->message : kEmpty; }
const std::string& Status::hint() const { return rep_ ? rep_->hint : kEmpty; }
const Location& Status::location() const { return rep_ ? rep_->location : kNowhere; }
const std::vector<std::string>& Status::more() const { return rep_ ? rep_->more : kNone; }

Status Status::InFile(const std::string& file) && {
  if (rep_ && rep_->location.file.empty()) rep_->location.file = file;
  return std::move(*this);
}
Status Status::InSheet(const std::string& sheet) && {
  if (rep_ && rep_->location.sheet.empty()) rep_->location.sheet = sheet;
  return std::move(*this);
}
Status Status::AtCell(std::int64_t row, std::int64_t column) && {
  if (rep_ && rep_->location.row == 0) {
    rep_->location.row = row;
    rep_->location.column = column;
  }
  return std::move(*this);
}
Status Status::AtLine(std::int64_t line) && {
  if (rep_ && rep_->location.line == 0) rep_->location.line = line;
  return std::move(*this);
}
Status Status::WithMore(std::vector<std::string> more) && {
  if (rep_) rep_->more = std::move(more);
  return std::move(*this);
}

Status Status::Recoverable() && {
  if (rep_) rep_->severity = Severity::kRecoverable;
  return std::move(*this);
}

const char* SeverityName(Severity severity) {
  return severity == Severity::kRecoverable ? "recoverable" : "fatal";
}

const char* ErrorTypeName(StatusCode code) {
  switch (code) {
    case StatusCode::kOk:
      return "Ok";
    case StatusCode::kInvalidInput:
      return "InvalidInputError";
    case StatusCode::kNotFound:
      return "NotFoundError";
    case StatusCode::kLimitExceeded:
      return "LimitExceededError";
    case StatusCode::kIoError:
      return "IoError";
    case StatusCode::kInternal:
      return "InternalError";
  }
  return "Error";
}

std::string Status::ToString() const {
  if (ok()) return "OK";
  std::string out = rep_->location.ToString();
  if (!out.empty()) out += ": ";
  out += rep_->message;
  if (!rep_->hint.empty()) out += "; " + rep_->hint;
  for (const std::string& line : rep_->more) out += "\n" + line;
  return out;
}

int ExitCodeFor(const Status& status) {
  switch (status.code()) {
    case StatusCode::kOk:
      return 0;
    case StatusCode::kInternal:
      return 3;
    default:
      return 2;
  }
}

void Diagnostics::Add(Status status) {
  if (status.ok()) return;
  ++count_;
  if (kept_.size() < keep_) kept_.push_back(std::move(status));
}

Status Diagnostics::Checkpoint() const {
  if (kept_.empty()) return Status::Ok();
  std::vector<std::string> more;
  for (std::size_t i = 1; i < kept_.size(); ++i) more.push_back(kept_[i].ToString());
  if (count_ > kept_.size()) {
    more.push_back(fmt::format("... and {} more problems of the same kind", count_ - kept_.size()));
  }
  Status first = kept_.front();
  return std::move(first).WithMore(std::move(more));
}

}  // namespace hm
