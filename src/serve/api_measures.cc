// The measure picker's catalogue and measure uploads: GET /api/measures, POST /api/measures.
#include <filesystem>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "hedis_mockup/log.h"
#include "hedis_mockup/measure.h"
#include "hedis_mockup/value_sets.h"
#include "serve/http_util.h"
#include "serve/job_form.h"
#include "serve/measure_upload.h"
#include "serve/random.h"
#include "serve/server_state.h"
#include "serve/upload_form.h"
#include "util/files.h"

namespace hm::serve {
namespace {

namespace fs = std::filesystem;
using nlohmann::ordered_json;

ordered_json SummaryJson(const MeasureSummary& s) {
  return {{"id", s.id}, {"name", s.name}, {"product_lines", s.product_lines},
          {"age_min", s.age_min}, {"age_max", s.age_max}, {"numerators", s.numerators}};
}

ordered_json UploadedJson(const UploadedMeasure& m) {
  ordered_json j = SummaryJson(m.summary);
  j["key"] = std::string(kUploadedMeasurePrefix) + m.id;
  j["uploaded"] = true;
  j["file_name"] = m.file_name;
  j["uploaded_at"] = m.uploaded;
  j["size"] = m.size;
  return j;
}

// Shipped measures, then the caller's own uploads (an admin's too: the picker is per person).
// `key` is what the job form's `measure` field takes.
void List(ServerState& state, httplib::Response& res, const Caller& caller) {
  ordered_json list = ordered_json::array();
  for (const std::string& id : ShippedMeasures()) {
    auto text = ShippedMeasureText(id);
    auto summary = text.ok() ? SummarizeMeasure(*text, id) : Result<MeasureSummary>(text.status());
    if (!summary.ok()) continue;  // a shipped file that does not read is a bug its own tests catch
    ordered_json j = SummaryJson(*summary);
    j["key"] = summary->id;
    j["uploaded"] = false;
    list.push_back(std::move(j));
  }
  for (const UploadedMeasure& m : state.measures->List(caller.user)) list.push_back(UploadedJson(m));
  SendJson(res, 200, ordered_json{{"measures", list}}.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

// The server's default VSD for the compile check, or nullopt when it has none or it does not load
// (then only the reading check applies; the job will say what is wrong with its VSD).
std::optional<ValueSetDirectory> DefaultVsd(const ServerOptions& o) {
  if (o.default_vsd.empty()) return std::nullopt;
  VsdLoadOptions load;
  load.cache_dir = o.vsd_cache_dir;
  auto vsd = ValueSetDirectory::Load(o.default_vsd, load);
  if (!vsd.ok()) {
    log::Warn("measure upload: the default VSD does not load: {}", vsd.status().ToString());
    return std::nullopt;
  }
  return std::move(vsd).value();
}

// The one file of the form, read into memory (at most kMaxMeasureBytes), with its display name.
Result<std::pair<std::string, std::string>> ReadMeasureFile(const httplib::ContentReader& reader,
                                                            const std::string& folder) {
  auto form = ReadUploadForm(reader, folder, kMaxMeasureBytes);
  if (!form.ok() && form.status().code() == StatusCode::kLimitExceeded) {
    return Status::LimitExceeded(fmt::format("the measure file is larger than the limit of {} MB", kMaxMeasureBytes / 1000000),
                                 "a measure file is a few kilobytes of YAML; check that this is one");
  }
  HM_RETURN_IF_ERROR(form.status());
  if (form->files.size() != 1 || form->files[0].field != "file") {
    return Status::InvalidInput("expected exactly one file, in the form field 'file'", "see docs/web-api.md, POST /api/measures");
  }
  HM_ASSIGN_OR_RETURN(std::string text, util::ReadFile(form->files[0].path));
  std::string name = form->files[0].original_name.empty() ? "measure.yaml" : form->files[0].original_name;
  return std::make_pair(std::move(text), std::move(name));
}

void Upload(ServerState& state, const httplib::Request& req, httplib::Response& res, const Caller& caller,
            const httplib::ContentReader& reader) {
  if (!req.is_multipart_form_data()) {
    DrainBody(req, reader);
    return SendError(res, 400, "expected multipart/form-data", "see docs/web-api.md, POST /api/measures");
  }
  auto token = RandomHex(16);
  if (!token.ok()) return SendStatus(res, token.status());
  // A private folder for this upload, removed whatever happens: the client's name is never a path.
  const fs::path folder = fs::path(state.measures->incoming_dir()) / *token;
  std::error_code ec;
  fs::create_directories(folder, ec);
  if (ec) return SendError(res, 500, "cannot store the upload");
  auto file = ReadMeasureFile(reader, folder.string());
  fs::remove_all(folder, ec);
  if (!file.ok() && res.status == 413) return SendError(res, 413, "the measure file is too large");
  if (!file.ok()) return SendStatus(res, file.status());
  const std::optional<ValueSetDirectory> vsd = DefaultVsd(state.options);
  const int year = std::stoi(NowIso8601().substr(0, 4));
  auto checked = CheckMeasureText(file->first, file->second, vsd ? &*vsd : nullptr, year);
  if (!checked.ok()) return SendStatus(res, checked.status());
  auto saved = state.measures->Save(caller.user, checked->summary, file->first, file->second);
  if (!saved.ok() && saved.status().code() == StatusCode::kLimitExceeded) {
    return SendError(res, 409, saved.status().message(), saved.status().hint());  // not a size: a count
  }
  if (!saved.ok()) return SendStatus(res, saved.status());
  log::Info("measure {} uploaded by {}", saved->id, caller.user);
  SendJson(res, 201, ordered_json{{"measure", UploadedJson(*saved)}, {"warnings", checked->warnings}}
                         .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

}  // namespace

void AddMeasureRoutes(httplib::Server& http, ServerState& state) {
  http.Get("/api/measures", RequireSignIn(state, [&state](const httplib::Request&, httplib::Response& res, const Caller& c) {
    List(state, res, c);
  }));
  http.Post("/api/measures", RequireSignIn(state, [&state](const httplib::Request& req, httplib::Response& res,
                                                          const Caller& c, const httplib::ContentReader& reader) {
    Upload(state, req, res, c, reader);
  }));
}

}  // namespace hm::serve
