// ApplyAiFallback, the fallback put together: collect the rows with unparsed text, fetch one
// answer per distinct prompt (cache first, then the model, at most `concurrency` at a time), then
// check and merge the answers in row order on this thread, so that the result does not depend on
// which request finished first.
#include <algorithm>
#include <atomic>
#include <map>
#include <set>
#include <thread>

#include "ai/ai_cache.h"
#include "ai/answer_check.h"
#include "ai/answer_merge.h"
#include "ai/fallback_prompt.h"
#include "ai/model_client.h"
#include "hedis_mockup/ai.h"
#include "hedis_mockup/log.h"

namespace hm {
namespace {

using ai::ModelReply;
using ai::RejectReason;

struct RowJob {
  std::size_t scenario = 0;
  std::vector<Fragment> fragments;
  ai::Prompt prompt;
  std::string key;
};

struct Fetched {
  ModelReply reply;
  bool from_cache = false;
};

std::vector<RowJob> CollectJobs(const TestCaseBook& book, const std::string& model) {
  std::vector<RowJob> jobs;
  for (std::size_t i = 0; i < book.scenarios.size(); ++i) {
    const Scenario& s = book.scenarios[i];
    // A removed row is never generated, so its text is not worth a request.
    if (s.removed) continue;
    std::vector<Fragment> fragments = ai::TextFragments(s);
    if (fragments.empty()) continue;
    ai::Prompt prompt = ai::BuildPrompt(s, fragments, book.measurement_year);
    std::string key = ai::CacheKey(model, prompt);
    jobs.push_back({i, std::move(fragments), std::move(prompt), std::move(key)});
  }
  return jobs;
}

Fetched Fetch(const RowJob& job, ai::ModelClient& client, ai::AiCache& cache, const std::string& model) {
  if (std::optional<std::string> cached = cache.Get(job.key)) return {{std::move(*cached), {}, {}, 0}, true};
  Fetched fetched{client.Complete(job.prompt), false};
  if (!fetched.reply.failure) {
    const Status stored = cache.Put(job.key, model, fetched.reply.content);
    if (!stored.ok()) log::Warn("{}", stored.ToString());
  }
  return fetched;
}

// One fetch per distinct key, on up to `concurrency` threads: two rows with the same text share
// one request, so the same text is never sent twice, even within a run.
std::map<std::string, Fetched> FetchAll(const std::vector<RowJob>& jobs, ai::ModelClient& client,
                                        ai::AiCache& cache, const AiOptions& options) {
  std::vector<const RowJob*> unique;
  std::map<std::string, Fetched> fetched;
  for (const RowJob& job : jobs) {
    if (fetched.try_emplace(job.key).second) unique.push_back(&job);
  }
  std::atomic<std::size_t> next{0};
  auto worker = [&] {
    for (std::size_t i = next++; i < unique.size(); i = next++) {
      // Each worker writes only its own entries; the map's shape is fixed before the threads start.
      fetched.at(unique[i]->key) = Fetch(*unique[i], client, cache, options.model);
    }
  };
  const std::size_t threads =
      std::min(static_cast<std::size_t>(std::max(options.concurrency, 1)), unique.size());
  {
    std::vector<std::jthread> pool;  // joined at the end of this block
    for (std::size_t t = 0; t < threads; ++t) pool.emplace_back(worker);
  }
  return fetched;
}

void Reject(Scenario& s, RejectReason reason, const std::string& why, AiCounts& counts) {
  ai::RejectAnswer(s, reason, why);
  ++counts.rejected;
  ++counts.rejected_by_reason[std::string(ai::RejectReasonName(reason))];
  log::Debug("{}!{} ({}): AI answer rejected ({}): {}", s.sheet, s.row, s.member_id, ai::RejectReasonName(reason), why);
}

void CheckAndMerge(TestCaseBook& book, const RowJob& job, const Fetched& fetched, const AiOptions& options,
                   const ValueSetDirectory* vsd, bool first_use, AiCounts& counts) {
  Scenario& s = book.scenarios[job.scenario];
  const bool cache_hit = fetched.from_cache || !first_use;
  counts.cache_hits += cache_hit ? 1 : 0;
  counts.rows_sent += cache_hit ? 0 : 1;
  if (fetched.reply.failure) return Reject(s, *fetched.reply.failure, fetched.reply.message, counts);
  ++counts.answered;
  const TestCaseOptions read{book.measurement_year, vsd};
  const ai::CheckedAnswer answer =
      ai::CheckAnswer(fetched.reply.content, {&read, job.fragments.size(), options.min_confidence});
  if (answer.rejected) return Reject(s, *answer.rejected, answer.reason, counts);
  ai::MergeAnswer(s, job.fragments, answer, book.measurement_year);
  ++counts.merged;
  counts.facts_merged += answer.facts.size();
}

}  // namespace

Result<AiCounts> ApplyAiFallback(TestCaseBook& book, const AiOptions& options, const ValueSetDirectory* vsd) {
  AiCounts counts;
  counts.rows_read = book.scenarios.size();
  const std::vector<RowJob> jobs = CollectJobs(book, options.model);
  counts.rows_fallback = jobs.size();
  if (!AiNotConfiguredReason(options).empty()) {
    counts.configured = false;
    return counts;
  }
  HM_ASSIGN_OR_RETURN(std::unique_ptr<ai::ModelClient> client, ai::MakeModelClient(options));
  HM_ASSIGN_OR_RETURN(ai::AiCache cache,
                      ai::AiCache::Open(options.cache_dir.empty() ? ai::DefaultCacheDir() : options.cache_dir));
  const std::map<std::string, Fetched> fetched = FetchAll(jobs, *client, cache, options);
  std::set<std::string> used;
  for (const RowJob& job : jobs) {
    CheckAndMerge(book, job, fetched.at(job.key), options, vsd, used.insert(job.key).second, counts);
  }
  ai::RecountBook(book);
  return counts;
}

void MarkAiFactsForReview(TestCaseBook& book) {
  for (Scenario& s : book.scenarios) {
    for (const Fact& fact : s.facts) {
      if (fact.provenance == Provenance::kAi) s.attention.push_back(ai::ReviewNote(s, fact, book.measurement_year));
    }
  }
  ai::RecountBook(book);
}

}  // namespace hm
