#include "serve/job_form.h"

#include <chrono>
#include <charconv>
#include <filesystem>
#include <regex>

#include <fmt/format.h>

#include "hedis_mockup/measure.h"
#include "serve/upload_type.h"
#include "util/text.h"

namespace hm::serve {
namespace {

namespace fs = std::filesystem;

// The sheets of a VSD given as CSV files, under the names the CSV-folder reader knows.
constexpr const char* kVsdSheets[] = {"value_sets_to_codes", "measures_to_value_sets",
                                      "medication_lists_to_codes", "measures_to_medication_lists"};

bool Accepts(const std::string& field, FileKind kind) {
  if (field == "testcases" || field == "vsd") return kind == FileKind::kXlsx || kind == FileKind::kCsv;
  if (field == "spec") return kind == FileKind::kPdf;
  return false;
}

bool IsTrue(const std::string& value) {
  const std::string v = util::Lower(util::Trim(value));
  return v == "1" || v == "true" || v == "on" || v == "yes";
}

Result<std::int64_t> Integer(const UploadForm& form, const std::string& name, std::int64_t fallback,
                             std::int64_t min, std::int64_t max) {
  const auto it = form.fields.find(name);
  if (it == form.fields.end() || util::Trim(it->second).empty()) return fallback;
  const std::string_view text = util::Trim(it->second);
  std::int64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < min || value > max) {
    return Status::InvalidInput(fmt::format("field '{}': '{}' is not a whole number from {} to {}", name, text, min, max));
  }
  return value;
}

Result<std::string> Measure(const UploadForm& form) {
  const auto it = form.fields.find("measure");
  const std::string value = it == form.fields.end() ? "" : std::string(util::Trim(it->second));
  if (IsUploadedMeasureRef(value)) {
    return std::string(kUploadedMeasurePrefix) + util::Upper(value.substr(kUploadedMeasurePrefix.size()));
  }
  const std::string id = util::Upper(value);
  for (const std::string& shipped : ShippedMeasures()) {
    if (util::Upper(shipped) == id) return shipped;
  }
  return Status::InvalidInput(fmt::format("field 'measure': '{}' is not a shipped measure", id),
                              fmt::format("use one of {}, or 'uploaded:<ID>' for a measure file you uploaded",
                                          fmt::join(ShippedMeasures(), ", ")));
}

// MY from "MY2026" in the workbook's name, as QA names them (and as the CLI reads it); else this year.
int DefaultYear(const std::string& original_name) {
  static const std::regex kYear("MY(\\d{4})", std::regex::icase);
  std::smatch m;
  if (std::regex_search(original_name, m, kYear)) return std::stoi(m[1].str());
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  return utc.tm_year + 1900;
}

// input/vsd/<sheet>.csv for a CSV sheet of the VSD, recognised from its (metadata) name.
Result<std::string> VsdCsvName(const std::string& original_name) {
  const std::string key = util::NameKey(original_name);
  for (const char* sheet : kVsdSheets) {
    if (key.find(util::NameKey(sheet)) != std::string::npos) return fmt::format("input/vsd/{}.csv", sheet);
  }
  return Status::InvalidInput(fmt::format("VSD file '{}': a CSV file of the VSD must be one of its sheets", original_name),
                              "name it value_sets_to_codes.csv, measures_to_value_sets.csv, "
                              "medication_lists_to_codes.csv or measures_to_medication_lists.csv, or upload the .xlsx");
}

Result<std::string> FixedName(const UploadedFile& file, const std::string& kind, int& vsd_count) {
  if (file.field == "testcases") return fmt::format("input/testcases.{}", kind);
  if (file.field == "spec") return std::string("input/spec.pdf");
  if (kind == "csv") return VsdCsvName(file.original_name);
  return fmt::format("input/vsd_{}.xlsx", ++vsd_count);
}

Status CountFiles(const UploadForm& form) {
  int testcases = 0, specs = 0;
  for (const UploadedFile& f : form.files) {
    testcases += f.field == "testcases" ? 1 : 0;
    specs += f.field == "spec" ? 1 : 0;
  }
  if (testcases != 1) return Status::InvalidInput("exactly one 'testcases' file is needed", "attach the QA workbook (.xlsx or .csv)");
  if (specs > 1) return Status::InvalidInput("at most one 'spec' file");
  return Status::Ok();
}

}  // namespace

bool IsUploadedMeasureRef(std::string_view measure) {
  return measure.size() > kUploadedMeasurePrefix.size() &&
         util::Lower(measure.substr(0, kUploadedMeasurePrefix.size())) == kUploadedMeasurePrefix;
}

Status CheckFileTypes(const UploadForm& form, std::vector<std::string>& kinds) {
  kinds.clear();
  for (const UploadedFile& file : form.files) {
    if (file.field != "testcases" && file.field != "vsd" && file.field != "spec") {
      return Status::InvalidInput(fmt::format("unknown file field '{}'", file.field), "use testcases, vsd or spec");
    }
    HM_ASSIGN_OR_RETURN(FileKind kind, DetectFileKind(file.path));
    if (!Accepts(file.field, kind)) {
      return Status::InvalidInput(fmt::format("'{}' is a {} file, which the '{}' field does not take", file.original_name,
                                              FileKindName(kind), file.field));
    }
    kinds.push_back(FileKindName(kind));
  }
  return Status::Ok();
}

Result<JobRequest> BuildJobRequest(const UploadForm& form, const std::vector<std::string>& kinds,
                                   const std::string& job_dir) {
  HM_RETURN_IF_ERROR(CountFiles(form));
  JobRequest r;
  HM_ASSIGN_OR_RETURN(r.measure, Measure(form));
  std::string testcases_name;
  for (const UploadedFile& f : form.files) testcases_name = f.field == "testcases" ? f.original_name : testcases_name;
  HM_ASSIGN_OR_RETURN(std::int64_t my, Integer(form, "my", DefaultYear(testcases_name), 1900, 2200));
  HM_ASSIGN_OR_RETURN(std::int64_t seed, Integer(form, "seed", 1, 0, INT64_MAX));
  r.measurement_year = static_cast<int>(my);
  r.seed = static_cast<std::uint64_t>(seed);
  r.auto_reformat = form.fields.contains("auto_reformat") && IsTrue(form.fields.at("auto_reformat"));
  r.skip_attention = form.fields.contains("skip_attention") && IsTrue(form.fields.at("skip_attention"));
  int vsd_count = 0;
  for (std::size_t i = 0; i < form.files.size(); ++i) {
    const UploadedFile& f = form.files[i];
    HM_ASSIGN_OR_RETURN(std::string name, FixedName(f, kinds[i], vsd_count));
    const fs::path target = fs::path(job_dir) / name;
    std::error_code ec;
    fs::create_directories(target.parent_path(), ec);
    fs::rename(f.path, target, ec);
    if (ec) return Status::IoError("cannot store the upload: " + ec.message());
    r.inputs.push_back({f.field == "testcases" ? "testcases" : f.field, name, f.original_name, kinds[i], f.size});
  }
  return r;
}

}  // namespace hm::serve
