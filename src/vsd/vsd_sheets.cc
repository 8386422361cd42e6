#include "vsd/vsd_sheets.h"

#include <map>
#include <optional>

#include <fmt/format.h>

#include "read/header_row.h"
#include "util/text.h"

namespace hm::vsd {
namespace {

// The two families of sheets differ only in what a "set" is called.
struct SetNoun {
  const char* noun;  // "Value Set" or "Medication List"
  bool medication_list;
};
constexpr SetNoun kValueSet{"Value Set", false};
constexpr SetNoun kMedicationList{"Medication List", true};

std::ptrdiff_t FindSheet(const read::Workbook& workbook, const std::string& name) {
  std::ptrdiff_t index = workbook.FindSheet(name);
  return index >= 0 ? index : workbook.FindSheet("Volume 2 " + name);
}

// Column positions of a codes sheet, in the order of the specs below.
enum CodeColumn { kSetName, kSetOid, kSetVersion, kCode, kDefinition, kSystem, kSystemVersion,
                  kGeneric, kBrand, kRoute };

std::vector<read::ColumnSpec> CodeColumns(const SetNoun& set) {
  const std::string noun = set.noun;
  return {{noun + " Name", true, {}},      {noun + " OID", false, {}},
          {noun + " Version", false, {}},  {"Code", true, {}},
          {"Definition", false, {"Description"}}, {"Code System", true, {}},
          {"Code System Version", false, {}}, {"Generic Product Name", false, {}},
          {"Brand Name", false, {}},       {"Route", false, {}}};
}

// Medication lists have no Definition column; describe the drug from its parts.
std::string MedicationDefinition(const read::HeaderRow& header, const read::Row& row) {
  std::string text = header.Text(row, kGeneric);
  const std::string brand = header.Text(row, kBrand);
  const std::string route = header.Text(row, kRoute);
  if (!brand.empty()) text += text.empty() ? brand : " (" + brand + ")";
  if (!route.empty()) text += text.empty() ? route : ", " + route;
  return text;
}

// A code stored as a number loses its leading zeros; NDCs always have 11 digits.
std::string CodeText(const read::HeaderRow& header, const read::Row& row, CodeSystem system) {
  std::string code = header.Text(row, kCode);
  const read::Cell& cell = row.at(static_cast<std::size_t>(header.column(kCode)));
  if (system == CodeSystem::kNdc && cell.type == read::Cell::Type::kNumber && code.size() < 11) {
    code.insert(0, 11 - code.size(), '0');
  }
  return code;
}

class CodeSheetReader {
 public:
  CodeSheetReader(const SetNoun& set, DataBuilder& builder)
      : set_(set), builder_(builder), header_(CodeColumns(set)) {}

  Status Row(const read::Row& row) {
    if (!header_.found()) {
      if (!header_.TryMatch(row) && header_.gave_up()) return header_.MissingColumnsError();
      return Status::Ok();
    }
    const std::string_view name = header_.View(row, kSetName, scratch_);
    const auto system = System(row);
    if (!system) return Status::Ok();  // reported once per distinct name by System()
    ValueSetCode code;
    code.system = *system;
    code.code = CodeText(header_, row, *system);
    if (name.empty() || code.code.empty()) {
      diagnostics_.Add(Status::InvalidInput(
          fmt::format("the row has {} but no {}", name.empty() ? "a code" : "a " + Noun(" name"),
                      name.empty() ? Noun(" name") : "code"),
          "fill in the cell or delete the row").AtCell(row.number, 0));
      return Status::Ok();
    }
    code.normalized = NormalizeCode(*system, code.code);
    code.definition = set_.medication_list ? MedicationDefinition(header_, row)
                                           : header_.Text(row, kDefinition);
    code.code_system_version = header_.Text(row, kSystemVersion);
    builder_.AddCode(SetOf(name, row), std::move(code));
    return Status::Ok();
  }

  // The errors collected over the whole sheet, or OK.
  Status Finish() const {
    if (!header_.found()) return header_.MissingColumnsError();
    return diagnostics_.Checkpoint();
  }

 private:
  std::string Noun(const char* suffix) const { return util::Lower(set_.noun) + suffix; }

  // The builder's index for the row's set. Rows come grouped by set in NCQA's files, so the
  // previous row's answer is kept rather than keying every row's name.
  std::uint32_t SetOf(std::string_view name, const read::Row& row) {
    if (!has_last_set_ || name != last_set_name_) {
      std::string oid_scratch, version_scratch;
      last_set_ = builder_.SetFor(name, header_.View(row, kSetOid, oid_scratch),
                                  header_.View(row, kSetVersion, version_scratch),
                                  set_.medication_list);
      last_set_name_ = name;
      has_last_set_ = true;
    }
    return last_set_;
  }

  // The row's code system; an unknown one is reported once per distinct name (a VSD that uses
  // one unknown name uses it on thousands of rows) and gives nullopt.
  std::optional<CodeSystem> System(const read::Row& row) {
    std::string scratch;
    const std::string_view name = header_.View(row, kSystem, scratch);
    if (name == last_system_name_ && last_system_) return last_system_;
    const auto system = ParseCodeSystem(name);
    if (system) {
      last_system_name_ = name;
      last_system_ = system;
    } else if (unknown_systems_.emplace(name, row.number).second) {
      diagnostics_.Add(UnknownSystem(std::string(name)).AtCell(row.number, header_.column(kSystem) + 1));
    }
    return system;
  }
  static Status UnknownSystem(const std::string& name) {
    return Status::InvalidInput(
        name.empty() ? "the code system is empty" : fmt::format("unknown code system '{}'", name),
        fmt::format("use one of {}", KnownCodeSystemNames()));
  }

  SetNoun set_;
  DataBuilder& builder_;
  read::HeaderRow header_;
  Diagnostics diagnostics_;
  std::map<std::string, std::int64_t, std::less<>> unknown_systems_;
  std::string scratch_;
  bool has_last_set_ = false;
  std::string last_set_name_;
  std::uint32_t last_set_ = 0;
  std::string last_system_name_;
  std::optional<CodeSystem> last_system_;
};

class LinkSheetReader {
 public:
  LinkSheetReader(const SetNoun& set, DataBuilder& builder)
      : set_(set),
        builder_(builder),
        header_({{"Measure ID", true, {"Measure"}},
                 {"Measure Name", false, {}},
                 {std::string(set.noun) + " Name", true, {}},
                 {std::string(set.noun) + " OID", false, {}}}) {}

  Status Row(const read::Row& row) {
    if (!header_.found()) {
      if (!header_.TryMatch(row) && header_.gave_up()) return header_.MissingColumnsError();
      return Status::Ok();
    }
    const std::string measure = header_.Text(row, 0);
    const std::string set = header_.Text(row, 2);
    if (measure.empty() || set.empty()) {
      diagnostics_.Add(Status::InvalidInput("the row needs both a measure id and a set name",
                                            "fill in the cell or delete the row")
                           .AtCell(row.number, 0));
      return Status::Ok();
    }
    builder_.AddMeasureLink(measure, header_.Text(row, 1), set, header_.Text(row, 3),
                            set_.medication_list);
    return Status::Ok();
  }

  Status Finish() const {
    if (!header_.found()) return header_.MissingColumnsError();
    return diagnostics_.Checkpoint();
  }

 private:
  SetNoun set_;
  DataBuilder& builder_;
  read::HeaderRow header_;
  Diagnostics diagnostics_;
};

template <typename SheetReader>
Status ReadSheet(read::Workbook& workbook, std::size_t index, SheetReader reader,
                 const ProgressCallback& progress_sink) {
  const std::string& sheet = workbook.SheetNames()[index];
  Progress progress("Reading " + sheet, 0, progress_sink);
  auto summary = workbook.ReadSheet(index, [&](const read::Row& row) {
    progress.Advance();
    return reader.Row(row);
  });
  progress.Finish();
  Status status = summary.ok() ? reader.Finish() : std::move(summary).TakeStatus();
  return std::move(status).InSheet(sheet).InFile(workbook.SheetPath(index));
}

}  // namespace

Result<int> ReadVsdSheets(read::Workbook& workbook, DataBuilder& builder,
                          const ProgressCallback& progress) {
  int found = 0;
  for (const SetNoun& set : {kValueSet, kMedicationList}) {
    const std::string noun = set.noun;
    if (std::ptrdiff_t i = FindSheet(workbook, noun + "s to Codes"); i >= 0) {
      ++found;
      HM_RETURN_IF_ERROR(ReadSheet(workbook, i, CodeSheetReader(set, builder), progress));
    }
    if (std::ptrdiff_t i = FindSheet(workbook, "Measures to " + noun + "s"); i >= 0) {
      ++found;
      HM_RETURN_IF_ERROR(ReadSheet(workbook, i, LinkSheetReader(set, builder), progress));
    }
  }
  return found;
}

}  // namespace hm::vsd
