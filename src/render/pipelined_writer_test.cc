#include "render/pipelined_writer.h"

#include <gtest/gtest.h>

namespace hm::render {
namespace {

// Records what it is given; fails the row numbered `fail_at` (1-based) when set.
class Recorder final : public TableWriter {
 public:
  Recorder(std::vector<std::string>& log, std::size_t fail_at = 0) : log_(log), fail_at_(fail_at) {}
  Status Begin(const std::vector<SheetSpec>& sheets) override {
    log_.push_back("begin " + std::to_string(sheets.size()));
    return Status::Ok();
  }
  Status Row(std::size_t sheet, std::span<const std::string> cells, const RowOrigin&) override {
    if (++rows_ == fail_at_) return Status::IoError("disk full");
    std::string line = std::to_string(sheet) + ":";
    for (const std::string& c : cells) line += c + "|";
    log_.push_back(line);
    return Status::Ok();
  }
  Status Stage(util::CommitJournal&) override {
    log_.push_back("finish");
    return Status::Ok();
  }
  std::vector<std::string> Outputs() const override { return {"out"}; }

 private:
  std::vector<std::string>& log_;
  std::size_t fail_at_;
  std::size_t rows_ = 0;
};

TEST(PipelinedWriterTest, EveryRowArrivesInOrderThenFinish) {
  std::vector<std::string> log;
  auto writer = Pipelined(std::make_unique<Recorder>(log));
  ASSERT_TRUE(writer->Begin({{"A", {"x"}, nullptr}, {"B", {"x", "y"}, nullptr}}).ok());
  std::vector<std::string> expected = {"begin 2"};
  for (int i = 0; i < 10000; ++i) {  // several batches, rows of two widths
    if (i % 3 == 0) {
      const std::vector<std::string> cells = {std::to_string(i), ""};
      ASSERT_TRUE(writer->Row(1, cells, {}).ok());
      expected.push_back("1:" + std::to_string(i) + "||");
    } else {
      const std::vector<std::string> cells = {std::to_string(i)};
      ASSERT_TRUE(writer->Row(0, cells, {}).ok());
      expected.push_back("0:" + std::to_string(i) + "|");
    }
  }
  ASSERT_TRUE(writer->Finish().ok());
  expected.push_back("finish");
  EXPECT_EQ(log, expected);
  EXPECT_EQ(writer->Outputs(), std::vector<std::string>{"out"});
}

TEST(PipelinedWriterTest, TheWrappedWritersErrorComesBackAndNothingIsFinished) {
  std::vector<std::string> log;
  auto writer = Pipelined(std::make_unique<Recorder>(log, 5000));
  ASSERT_TRUE(writer->Begin({{"A", {"x"}, nullptr}}).ok());
  Status status;
  const std::vector<std::string> cells = {"v"};
  for (int i = 0; i < 50000 && status.ok(); ++i) status = writer->Row(0, cells, {});
  if (status.ok()) status = writer->Finish();
  EXPECT_FALSE(status.ok());
  EXPECT_NE(status.message().find("disk full"), std::string::npos);
  EXPECT_NE(log.back(), "finish");
}

TEST(PipelinedWriterTest, DroppedWithoutFinishDoesNotFinish) {
  std::vector<std::string> log;
  {
    auto writer = Pipelined(std::make_unique<Recorder>(log));
    ASSERT_TRUE(writer->Begin({{"A", {"x"}, nullptr}}).ok());
    const std::vector<std::string> cells = {"v"};
    ASSERT_TRUE(writer->Row(0, cells, {}).ok());
  }
  ASSERT_FALSE(log.empty());
  EXPECT_NE(log.back(), "finish");
}

}  // namespace
}  // namespace hm::render
