#include <algorithm>
#include <chrono>
#include <filesystem>
#include <tuple>

#include <fmt/format.h>

#include "hedis_mockup/value_sets.h"
#include "read/workbook.h"
#include "util/files.h"
#include "util/text.h"
#include "vsd/vsd_cache.h"
#include "vsd/vsd_data.h"
#include "vsd/vsd_sheets.h"

namespace hm {
namespace {

namespace fs = std::filesystem;

// The cache key: what the inputs contain, not where they are, so a copied VSD hits the cache.
// For a CSV folder the file names count too, since they name the sheets.
Result<std::string> HashInputs(const std::vector<std::string>& paths) {
  std::string fingerprint = "hedis-mockup vsd inputs v1\n";
  for (const std::string& path : paths) {
    std::error_code ec;
    if (!fs::is_directory(path, ec)) {
      HM_ASSIGN_OR_RETURN(std::string hash, util::Sha256File(path));
      fingerprint += "file " + hash + "\n";
      continue;
    }
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(path, ec)) {
      if (entry.is_regular_file() && entry.path().extension() == ".csv") files.push_back(entry.path());
    }
    if (ec) return Status::IoError("cannot list the folder: " + ec.message()).InFile(path);
    std::sort(files.begin(), files.end());
    fingerprint += "folder\n";
    for (const fs::path& file : files) {
      HM_ASSIGN_OR_RETURN(std::string hash, util::Sha256File(file.string()));
      fingerprint += file.filename().string() + " " + hash + "\n";
    }
  }
  return util::Sha256Hex(fingerprint);
}

std::string CacheFile(const VsdLoadOptions& options, const std::string& key) {
  const std::string dir =
      options.cache_dir.empty() ? util::StateHome() + "/cache/vsd" : options.cache_dir;
  return dir + "/" + key + ".vsdcache";
}

Result<ValueSetDirectory::Data> Parse(const std::vector<std::string>& paths,
                                      const ProgressCallback& progress) {
  vsd::DataBuilder builder;
  std::vector<std::string> unused;
  for (const std::string& path : paths) {
    HM_ASSIGN_OR_RETURN(auto workbook, read::Workbook::Open(path));
    HM_ASSIGN_OR_RETURN(int sheets, vsd::ReadVsdSheets(*workbook, builder, progress));
    if (sheets == 0) {
      unused.push_back(fmt::format("{} (its sheets: {})", path,
                                   fmt::join(workbook->SheetNames(), ", ")));
    }
  }
  if (!unused.empty()) {
    return Status::NotFound(
        fmt::format("no value-set sheet in {}", fmt::join(unused, "; ")),
        "expected NCQA's 'Value Sets to Codes' / 'Measures to Value Sets' sheets (or the Medication "
        "List Directory's); for CSV, a folder with value_sets_to_codes.csv and friends");
  }
  if (!builder.has_codes()) {
    return Status::NotFound("no codes: no 'Value Sets to Codes' sheet, or it has no rows",
                            "give NCQA's VSD workbook (the MLD alone has no value sets)")
        .InFile(fmt::format("{}", fmt::join(paths, ", ")));
  }
  return std::move(builder).Finish();
}

}  // namespace

ValueSetDirectory::ValueSetDirectory() : data_(std::make_shared<const Data>()) {}
ValueSetDirectory::ValueSetDirectory(std::shared_ptr<const Data> data) : data_(std::move(data)) {}

Result<ValueSetDirectory> ValueSetDirectory::Load(const std::vector<std::string>& paths,
                                                  const VsdLoadOptions& options,
                                                  VsdLoadReport* report) {
  const auto start = std::chrono::steady_clock::now();
  if (paths.empty()) return Status::InvalidInput("no VSD given", "pass --vsd FILE");
  VsdLoadReport local;
  VsdLoadReport& out = report ? *report : local;
  out = {};
  HM_ASSIGN_OR_RETURN(out.inputs_sha256, HashInputs(paths));
  const std::string cache_file = CacheFile(options, out.inputs_sha256);

  auto finish = [&](Data data) {
    out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return ValueSetDirectory(std::make_shared<const Data>(std::move(data)));
  };
  // A cache problem costs speed, never correctness: it is recoverable.
  auto recover = [&](Status problem) {
    if (options.errors) (void)options.errors->Handle(std::move(problem).Recoverable(), "vsd_cache");
  };
  if (options.use_cache && std::filesystem::exists(cache_file)) {
    auto cached = util::ReadFile(cache_file);
    if (cached.ok()) {
      auto decoded = vsd::DecodeCache(*cached);
      if (decoded.ok()) {
        out.from_cache = true;
        return finish(std::move(decoded).value());
      }
      cached = std::move(decoded).TakeStatus();
    }
    recover(Status(cached.status()).InFile(cache_file));
  }
  HM_ASSIGN_OR_RETURN(Data data, Parse(paths, options.progress));
  if (options.use_cache) {
    if (Status written = util::AtomicWrite(cache_file, vsd::EncodeCache(data)); !written.ok()) {
      recover(Status::IoError("cannot write the VSD cache: " + written.ToString(),
                              "the next load will parse the workbook again"));
    }
  }
  return finish(std::move(data));
}

std::span<const ValueSet> ValueSetDirectory::value_sets() const { return data_->value_sets; }
std::span<const ValueSetCode> ValueSetDirectory::codes() const { return data_->codes; }
std::span<const MeasureValueSets> ValueSetDirectory::measures() const { return data_->measures; }

std::span<const ValueSetCode> ValueSetDirectory::CodesOf(const ValueSet& value_set) const {
  return std::span<const ValueSetCode>(data_->codes).subspan(value_set.first_code,
                                                             value_set.code_count);
}

const ValueSet* ValueSetDirectory::Find(std::string_view name) const {
  auto it = data_->by_name.find(util::NameKey(name));
  return it == data_->by_name.end() ? nullptr : &data_->value_sets[it->second];
}

Result<const ValueSet*> ValueSetDirectory::Require(std::string_view name) const {
  if (const ValueSet* set = Find(name)) return set;
  const std::vector<std::string> close = Suggest(name);
  std::string hint = "check the spelling against 'vsd info'";
  if (!close.empty()) hint = fmt::format("did you mean '{}'?", fmt::join(close, "', '"));
  return Status::NotFound(fmt::format("no value set named '{}'", name), hint);
}

std::vector<std::string> ValueSetDirectory::Suggest(std::string_view name, std::size_t limit) const {
  const std::string key = util::NameKey(name);
  if (key.empty()) return {};
  // Rank by edit distance; a name that contains the query (or is contained) counts as distance 1.
  std::vector<std::pair<std::size_t, const ValueSet*>> ranked;
  const std::size_t max_distance = std::max<std::size_t>(3, key.size() / 3);
  for (const ValueSet& set : data_->value_sets) {
    const std::string other = util::NameKey(set.name);
    std::size_t distance = util::EditDistance(key, other);
    if (other.find(key) != std::string::npos || key.find(other) != std::string::npos) {
      distance = std::min<std::size_t>(distance, 1);
    }
    if (distance <= max_distance) ranked.emplace_back(distance, &set);
  }
  std::stable_sort(ranked.begin(), ranked.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<std::string> names;
  for (std::size_t i = 0; i < ranked.size() && i < limit; ++i) names.push_back(ranked[i].second->name);
  return names;
}

std::vector<const ValueSetCode*> ValueSetDirectory::Lookup(CodeSystem system,
                                                           std::string_view code) const {
  const std::string normalized = NormalizeCode(system, code);
  const auto& codes = data_->codes;
  auto key = [&](std::uint32_t i) { return std::tie(codes[i].system, codes[i].normalized); };
  const auto wanted = std::tie(system, normalized);
  auto [first, last] = std::equal_range(
      data_->by_code.begin(), data_->by_code.end(), wanted,
      [&](const auto& a, const auto& b) {
        if constexpr (std::is_same_v<std::decay_t<decltype(a)>, std::uint32_t>) {
          return key(a) < b;
        } else {
          return a < key(b);
        }
      });
  std::vector<const ValueSetCode*> found;
  for (auto it = first; it != last; ++it) found.push_back(&codes[*it]);
  return found;
}

std::vector<const ValueSetCode*> ValueSetDirectory::Lookup(std::string_view code) const {
  std::vector<const ValueSetCode*> found;
  for (int s = 0; s < kCodeSystemCount; ++s) {
    auto more = Lookup(static_cast<CodeSystem>(s), code);
    found.insert(found.end(), more.begin(), more.end());
  }
  return found;
}

bool ValueSetDirectory::Contains(const ValueSet& value_set, CodeSystem system,
                                 std::string_view code) const {
  const auto index = static_cast<std::uint32_t>(&value_set - data_->value_sets.data());
  for (const ValueSetCode* row : Lookup(system, code)) {
    if (row->value_set == index) return true;
  }
  return false;
}

const MeasureValueSets* ValueSetDirectory::FindMeasure(std::string_view id) const {
  const std::string wanted = util::Lower(util::Trim(id));
  for (const MeasureValueSets& measure : data_->measures) {
    if (util::Lower(measure.id) == wanted) return &measure;
  }
  return nullptr;
}

}  // namespace hm
