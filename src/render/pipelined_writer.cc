#include "render/pipelined_writer.h"

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <thread>

namespace hm::render {
namespace {

constexpr std::size_t kBatchRows = 2048;
constexpr std::size_t kMaxQueued = 4;  // batches waiting for the worker

// Rows packed flat: copying a row is appending its bytes and one length per cell (most cells of
// the engine's tables are empty), not copying a vector of strings.
struct Batch {
  std::vector<std::size_t> sheets;
  std::vector<std::uint32_t> widths;   // cells per row
  std::vector<std::uint32_t> lengths;  // per cell
  std::string bytes;                   // every cell, one after another
  bool empty() const { return sheets.empty(); }
};

class PipelinedWriter final : public TableWriter {
 public:
  explicit PipelinedWriter(std::unique_ptr<TableWriter> writer) : writer_(std::move(writer)) {}
  ~PipelinedWriter() override { Stop(); }

  Status Begin(const std::vector<SheetSpec>& sheets) override {
    HM_RETURN_IF_ERROR(writer_->Begin(sheets));
    worker_ = std::thread([this] { Work(); });
    return Status::Ok();
  }

  Status Row(std::size_t sheet, std::span<const std::string> cells, const RowOrigin&) override {
    filling_.sheets.push_back(sheet);
    filling_.widths.push_back(static_cast<std::uint32_t>(cells.size()));
    for (const std::string& cell : cells) {
      filling_.lengths.push_back(static_cast<std::uint32_t>(cell.size()));
      filling_.bytes.append(cell);
    }
    if (filling_.sheets.size() >= kBatchRows) return Hand();
    return Status::Ok();
  }

  Status Close() override {
    if (closed_) return Status::Ok();
    HM_RETURN_IF_ERROR(Hand());
    Stop();
    if (!error_.ok()) return error_;
    HM_RETURN_IF_ERROR(writer_->Close());
    closed_ = true;
    return Status::Ok();
  }

  Status Stage(util::CommitJournal& journal) override {
    HM_RETURN_IF_ERROR(Close());
    return writer_->Stage(journal);
  }

  std::vector<std::string> Outputs() const override { return writer_->Outputs(); }

 private:
  // Queues the batch being filled, waiting while the queue is full.
  Status Hand() {
    std::unique_lock lock(mu_);
    if (!error_.ok()) return error_;
    if (filling_.empty()) return Status::Ok();
    room_.wait(lock, [&] { return queue_.size() < kMaxQueued || !error_.ok(); });
    if (!error_.ok()) return error_;
    queue_.push_back(std::move(filling_));
    filling_ = {};
    ready_.notify_one();
    return Status::Ok();
  }

  void Stop() {
    {
      std::lock_guard lock(mu_);
      done_ = true;
    }
    ready_.notify_one();
    if (worker_.joinable()) worker_.join();
  }

  void Work() {
    for (;;) {
      Batch batch;
      {
        std::unique_lock lock(mu_);
        ready_.wait(lock, [&] { return !queue_.empty() || done_; });
        if (queue_.empty()) return;
        batch = std::move(queue_.front());
        queue_.pop_front();
        room_.notify_one();
      }
      std::size_t cell = 0, byte = 0;
      for (std::size_t r = 0; r < batch.sheets.size(); ++r) {
        row_.resize(batch.widths[r]);
        for (std::string& text : row_) {
          text.assign(batch.bytes, byte, batch.lengths[cell]);
          byte += batch.lengths[cell++];
        }
        Status status = writer_->Row(batch.sheets[r], row_, {});
        if (!status.ok()) {
          std::lock_guard lock(mu_);
          error_ = std::move(status);
          room_.notify_one();
          return;
        }
      }
    }
  }

  std::unique_ptr<TableWriter> writer_;
  bool closed_ = false;
  Batch filling_;  // the caller's
  std::mutex mu_;
  std::condition_variable ready_, room_;
  std::deque<Batch> queue_;  // guarded by mu_
  bool done_ = false;        // guarded by mu_
  Status error_;             // guarded by mu_; the worker's first error
  std::vector<std::string> row_;  // the worker's row being handed on
  std::thread worker_;
};

}  // namespace

std::unique_ptr<TableWriter> Pipelined(std::unique_ptr<TableWriter> writer) {
  return std::make_unique<PipelinedWriter>(std::move(writer));
}

}  // namespace hm::render
