// The Value Set Directory: NCQA's value sets (and Medication Lists) with their codes, indexed once
// so that codes can be looked up both ways and value sets found by loosely spelled names.
//
// Sources: NCQA's VSD workbook (sheets "Measures to Value Sets" and "Value Sets to Codes", with or
// without the older "Volume 2 " prefix), the Medication List Directory workbook ("Measures to
// Medication Lists", "Medication Lists to Codes"), or a folder of CSV files with the same sheet
// names (measures_to_value_sets.csv, ...). The parsed index is cached on disk keyed by the SHA-256
// of the inputs, so the second load of a large VSD reads a compact binary file instead.
//
// Thread-safety: a loaded ValueSetDirectory is immutable; any number of threads may read it.
// Copies are cheap (the data is shared).
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "hedis_mockup/code_system.h"
#include "hedis_mockup/error_policy.h"
#include "hedis_mockup/progress.h"
#include "hedis_mockup/status.h"

namespace hm {

struct ValueSetCode {
  CodeSystem system = CodeSystem::kCpt;
  std::string code;        // as the VSD writes it, e.g. "Z90.13"
  std::string normalized;  // NormalizeCode(system, code), e.g. "Z9013"
  std::string definition;  // for medication lists: "generic (brand), route"
  std::string code_system_version;
  std::uint32_t value_set = 0;  // index into ValueSetDirectory::value_sets()
};

struct ValueSet {
  std::string name;
  std::string oid;
  std::string version;
  bool medication_list = false;  // from the Medication List Directory
  std::uint32_t first_code = 0;  // this set's codes are codes()[first_code, first_code + code_count)
  std::uint32_t code_count = 0;
};

struct MeasureValueSets {
  std::string id;    // "PSA"
  std::string name;  // "Non-Recommended PSA-Based Screening in Older Men"
  std::vector<std::uint32_t> value_sets;  // indices into value_sets(), sorted by name
};

struct VsdLoadOptions {
  // Read and write the on-disk cache. Default on: a cached load of a large VSD is ~10x faster.
  bool use_cache = true;
  // Where cache files go. Default (empty): <StateHome>/cache/vsd, see README "Where state lives".
  std::string cache_dir;
  // Rows read, per sheet (total unknown). Default: none.
  ProgressCallback progress;
  // Told of recoverable problems (a damaged cache file, a cache that cannot be written), which
  // cost speed but not correctness. Default (null): they are ignored.
  ErrorPolicy* errors = nullptr;
};

// How a load went, for progress messages and the audit trail.
struct VsdLoadReport {
  bool from_cache = false;
  std::string inputs_sha256;  // of all input files together; the cache key
  double seconds = 0;
};

class ValueSetDirectory {
 public:
  ValueSetDirectory();  // empty

  // Loads the VSD (and optionally the MLD) from `paths`: xlsx workbooks or CSV folders; each path
  // contributes the sheets it has. At least one must have "Value Sets to Codes". Errors
  // (kInvalidInput, kNotFound, kLimitExceeded, kIoError) name the file, sheet, row and column and
  // what to do; all unknown code systems in a sheet are reported together. On error no cache file
  // is written. `report`, if not null, receives how the load went.
  static Result<ValueSetDirectory> Load(const std::vector<std::string>& paths,
                                        const VsdLoadOptions& options = {},
                                        VsdLoadReport* report = nullptr);

  std::span<const ValueSet> value_sets() const;
  std::span<const ValueSetCode> codes() const;
  std::span<const MeasureValueSets> measures() const;
  std::span<const ValueSetCode> CodesOf(const ValueSet& value_set) const;

  // The value set named `name`, compared ignoring case, spaces and punctuation; null if none.
  const ValueSet* Find(std::string_view name) const;
  // Like Find, but a miss is kNotFound with up to three "did you mean" suggestions.
  Result<const ValueSet*> Require(std::string_view name) const;
  // Up to `limit` names closest to `name` (edit distance on the loose form, then containment).
  std::vector<std::string> Suggest(std::string_view name, std::size_t limit = 3) const;

  // Every VSD row for the code in `system` (normalized before comparing, so "Z9013" finds
  // "Z90.13"): one per value set that contains it.
  std::vector<const ValueSetCode*> Lookup(CodeSystem system, std::string_view code) const;
  // The same over every code system.
  std::vector<const ValueSetCode*> Lookup(std::string_view code) const;
  // Whether `value_set` contains the code.
  bool Contains(const ValueSet& value_set, CodeSystem system, std::string_view code) const;

  // The measure with this id (case-insensitive), or null.
  const MeasureValueSets* FindMeasure(std::string_view id) const;

  struct Data;  // internal; see src/vsd/vsd_data.h

 private:
  explicit ValueSetDirectory(std::shared_ptr<const Data> data);
  std::shared_ptr<const Data> data_;
};

}  // namespace hm
