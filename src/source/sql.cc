// OpenSql: the connection string picks the backend. Also the small value helpers of sql.h.
#include "hedis_mockup/sql.h"

#include <fmt/format.h>

#include "source/connection_string.h"
#include "source/postgres_connection.h"
#include "source/sqlite_connection.h"

namespace hm {

std::string SqlValueText(const SqlValue& value) {
  if (const auto* integer = std::get_if<std::int64_t>(&value)) return std::to_string(*integer);
  if (const auto* real = std::get_if<double>(&value)) return fmt::format("{}", *real);
  if (const auto* text = std::get_if<std::string>(&value)) return *text;
  return "";
}

const SqlValue* SqlRow::Find(std::string_view name) const {
  for (std::size_t c = 0; c < names_.size() && c < values_.size(); ++c) {
    if (names_[c] == name) return &values_[c];
  }
  return nullptr;
}

std::string MaskConnectionString(std::string_view connection_string) {
  return source::MaskSecrets(connection_string).display;
}

Result<std::unique_ptr<SqlConnection>> OpenSql(std::string_view connection_string,
                                               const SqlOptions& options) {
  HM_ASSIGN_OR_RETURN(source::ConnectionTarget target,
                      source::ParseConnectionString(connection_string));
  switch (target.backend) {
    case SqlBackend::kSqlite:
      return source::OpenSqlite(target.target, std::move(target.masked.display), options);
    case SqlBackend::kPostgres:
      return source::OpenPostgres(target.target, std::move(target.masked), options);
  }
  return Status::Internal("unknown SQL backend");
}

}  // namespace hm
