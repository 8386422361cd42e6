#include <utility>

#include "render/table_writer.h"

namespace hm::render {
namespace {

class FanOutWriter final : public TableWriter {
 public:
  explicit FanOutWriter(std::vector<TableWriter*> writers) : writers_(std::move(writers)) {}

  Status Begin(const std::vector<SheetSpec>& sheets) override {
    for (TableWriter* w : writers_) HM_RETURN_IF_ERROR(w->Begin(sheets));
    return Status::Ok();
  }
  Status Row(std::size_t sheet, std::span<const std::string> cells,
             const RowOrigin& origin) override {
    for (TableWriter* w : writers_) HM_RETURN_IF_ERROR(w->Row(sheet, cells, origin));
    return Status::Ok();
  }
  Status Close() override {
    for (TableWriter* w : writers_) HM_RETURN_IF_ERROR(w->Close());
    return Status::Ok();
  }
  Status Stage(util::CommitJournal& journal) override {
    for (TableWriter* w : writers_) HM_RETURN_IF_ERROR(w->Stage(journal));
    return Status::Ok();
  }
  std::vector<std::string> Outputs() const override {
    std::vector<std::string> all;
    for (const TableWriter* w : writers_) {
      std::vector<std::string> some = w->Outputs();
      all.insert(all.end(), some.begin(), some.end());
    }
    return all;
  }

 private:
  std::vector<TableWriter*> writers_;
};

}  // namespace

std::unique_ptr<TableWriter> FanOut(std::vector<TableWriter*> writers) {
  return std::make_unique<FanOutWriter>(std::move(writers));
}

}  // namespace hm::render
