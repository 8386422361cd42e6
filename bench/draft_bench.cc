// Benchmark of the spec-PDF drafter (issue 9): DraftMeasureFromPdf on a 20-page specification PDF
// made once per process by LibreOffice (test/testing/pdf_fixture.h): 19 pages of other measures'
// sections (a heading, label paragraphs and a two-column block each), then a PSA section. Target:
// under 1 s per draft.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "hedis_mockup/draft.h"
#include "testing/pdf_fixture.h"

namespace {

hm::testing::SpecDocument TwentyPages() {
  hm::testing::SpecDocument document;
  const std::string filler =
      "Members who had a visit during the measurement year, with the usual qualifiers and a long "
      "sentence so that the column wraps over several lines of the page. ";
  for (int page = 1; page < 20; ++page) {
    const std::string id = "FM" + std::string(1, static_cast<char>('A' + page));
    document.Heading("Filler Measure Number " + std::to_string(page) + " (" + id + ")")
        .Paragraph("Ages: 18 to 85 years as of December 31 of the measurement year.")
        .Columns({filler + filler + filler}, {"Numerator: A test (Filler Lab Test Value Set) "
                                              "during the measurement year. " + filler + filler})
        .PageBreak();
  }
  document.Heading("Non-Recommended PSA-Based Screening in Older Men (PSA)")
      .Paragraph("Ages: Men 70 years and older as of December 31 of the measurement year.")
      .Paragraph("Continuous enrollment: The measurement year.")
      .Paragraph("Allowable gap: No more than one gap in enrollment of up to 45 days.")
      .Columns({"Exclusions: \xE2\x80\xA2 Prostate cancer (Prostate Cancer Value Set) any time "
                "during the member's history through December 31 of the measurement year."},
               {"Numerator: A PSA test (PSA Lab Test Value Set) during the measurement year."});
  return document;
}

const std::string& PdfPath() {
  static const std::string path = [] {
    const auto dir = std::filesystem::temp_directory_path() / "hm-draft-bench";
    std::filesystem::create_directories(dir);
    hm::Result<std::string> pdf = hm::testing::MakePdf(TwentyPages(), dir, "spec20");
    if (!pdf.ok()) {
      std::fprintf(stderr, "draft_bench: %s\n", pdf.status().ToString().c_str());
      std::exit(2);
    }
    return *pdf;
  }();
  return path;
}

void BM_DraftFromPdf(benchmark::State& state) {
  hm::DraftOptions options;
  options.measure = "PSA";
  for (auto _ : state) {
    hm::Result<hm::Draft> draft = hm::DraftMeasureFromPdf(PdfPath(), options);
    if (!draft.ok() || draft->pages != 20) state.SkipWithError("the draft failed");
    benchmark::DoNotOptimize(draft);
  }
}
BENCHMARK(BM_DraftFromPdf)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
