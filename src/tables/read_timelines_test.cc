#include <functional>
#include <sstream>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "hedis_mockup/tables.h"
#include "tables/test_mockup.h"
#include "testing/temp_dir.h"

namespace hm {
namespace {

using tables::testing::Mockup;
using tables::testing::MockTable;
using tables::testing::SmallMockup;

std::string Extra(const std::map<std::string, std::string>& extra) {
  std::string text;
  for (const auto& [k, v] : extra) text += fmt::format(" {}={}", k, v);
  return text;
}

// Every field of every member, and the rows behind them, one line per record: two sources give
// identical timelines exactly when their dumps are equal, and a difference shows as a diff.
std::string Dump(const TimelineSet& set) {
  std::ostringstream out;
  for (std::size_t i = 0; i < set.members.size(); ++i) {
    const MemberTimeline& m = set.members[i];
    const Demographics& d = m.demographics;
    out << fmt::format("member {} dob={} sex={} death={} name={}/{}/{} from {}{}\n", d.member_id,
                       d.birth_date.ToIso(), SexCode(d.sex),
                       d.death_date ? d.death_date->ToIso() : "-", d.last_name, d.first_name,
                       d.middle_name, set.rows[i].member.ToString(), Extra(d.extra));
    for (std::size_t j = 0; j < m.enrollment.size(); ++j) {
      const EnrollmentSpan& s = m.enrollment[j];
      std::string benefits;
      for (int b = 0; b < kBenefitCount; ++b) {
        benefits += s.benefits.Has(static_cast<Benefit>(b)) ? 'Y' : 'N';
      }
      out << fmt::format("  span {}..{} ben={} product={} cov={} emp={} file={} from {}{}\n",
                         s.start.ToIso(), s.end.ToIso(), benefits, s.product_id,
                         s.coverage_indicator, s.employee, s.file_id,
                         set.rows[i].enrollment[j].ToString(), Extra(s.extra));
    }
    for (std::size_t j = 0; j < m.events.size(); ++j) {
      const CodedEvent& e = m.events[j];
      out << fmt::format(
          "  event {} {} ({}) {}..{} value={} unit={} text={} src={} denied={} prov={}/{} "
          "table={} pos={} days={} qty={} claim={} file={} from {}{}\n",
          CodeSystemId(e.system), e.code, e.code_as_written, e.date.ToIso(),
          e.end_date ? e.end_date->ToIso() : "-", e.value ? fmt::format("{}", *e.value) : "-",
          e.unit, e.value_text, DataSourceName(e.source), e.claim_status == ClaimStatus::kDenied,
          e.provider_id, e.provider_type, SourceTableName(e.table), e.position,
          e.days_supply ? fmt::format("{}", *e.days_supply) : "-",
          e.quantity ? fmt::format("{}", *e.quantity) : "-", e.claim_id, e.file_id,
          set.rows[i].events[j].ToString(), Extra(e.extra));
    }
    for (std::size_t j = 0; j < m.monthly.size(); ++j) {
      const MonthlyMembership& r = m.monthly[j];
      out << fmt::format(
          "  monthly run={} pay={} hospice={} lti={} esrd={} orec={} plan={} contract={} pbp={} "
          "dual={} file={} from {}{}\n",
          r.run_date.ToIso(), r.payment_date ? r.payment_date->ToIso() : "-", r.hospice, r.lti,
          r.esrd, r.orec, r.plan_id, r.contract, r.pbp, r.medicaid_dual, r.file_id,
          set.rows[i].monthly[j].ToString(), Extra(r.extra));
    }
  }
  for (const Status& warning : set.warnings) out << "warning " << warning.message() << "\n";
  return out.str();
}

ReadTablesOptions Psa() {
  ReadTablesOptions options;
  options.measure_prefix = "PSA";
  options.measurement_year = 2026;
  return options;
}

class ReadTimelinesTest : public ::testing::Test {
 protected:
  // Writes `mockup` in `format` ("xlsx", "csv", "sqlite") and returns the source to read.
  std::string Write(const Mockup& mockup, const std::string& format) {
    if (format == "xlsx") {
      const std::string path = dir_.File("mockup.xlsx");
      tables::testing::WriteXlsx(mockup, path);
      return path;
    }
    if (format == "csv") {
      const std::string path = dir_.File("csv");
      tables::testing::WriteCsvFolder(mockup, path);
      return path;
    }
    const std::string path = dir_.File("mockup.db");
    tables::testing::WriteSqlite(mockup, path);
    return "sqlite:" + path;
  }

  TimelineSet ReadOk(const Mockup& mockup, const std::string& format,
                     const ReadTablesOptions& options = Psa()) {
    Result<TimelineSet> set = ReadTimelines(Write(mockup, format), DefaultLayout(), options);
    EXPECT_TRUE(set.ok()) << format << ": " << set.status().ToString();
    return set.ok() ? std::move(set).value() : TimelineSet{};
  }

  testing::TempDir dir_;
};

TEST_F(ReadTimelinesTest, XlsxCsvAndSqliteGiveIdenticalTimelines) {
  const Mockup mockup = SmallMockup();
  const std::string xlsx = Dump(ReadOk(mockup, "xlsx"));
  const std::string csv = Dump(ReadOk(mockup, "csv"));
  const std::string sqlite = Dump(ReadOk(mockup, "sqlite"));
  EXPECT_EQ(xlsx, csv);
  EXPECT_EQ(xlsx, sqlite);
  EXPECT_NE(xlsx.find("member M001"), std::string::npos);
}

TEST_F(ReadTimelinesTest, ReadsMembersInMemberNumberOrder) {
  const TimelineSet set = ReadOk(SmallMockup(), "csv");
  ASSERT_EQ(set.members.size(), 4u);
  std::vector<std::string> ids;
  for (const MemberTimeline& m : set.members) ids.push_back(m.demographics.member_id);
  EXPECT_EQ(ids, (std::vector<std::string>{"M001", "M002", "M003", "M004"}));
  EXPECT_EQ(set.Find("M003"), 2);
  EXPECT_EQ(set.Find("M999"), -1);
  EXPECT_EQ(set.rows[0].member, (RowRef{SourceTable::kMember, 3}));  // M001 is the 2nd record
  ASSERT_EQ(set.tables.size(), 7u);
  EXPECT_EQ(set.tables[0].name, "PSA_MEMBER_IN");
  EXPECT_EQ(set.tables[0].rows, 4);
}

TEST_F(ReadTimelinesTest, DemographicsAndEnrollment) {
  const TimelineSet set = ReadOk(SmallMockup(), "xlsx");
  const MemberTimeline& m1 = set.members[set.Find("M001")];
  EXPECT_EQ(m1.demographics.birth_date.ToIso(), "1960-03-15");
  EXPECT_EQ(m1.demographics.sex, Sex::kFemale);
  EXPECT_EQ(m1.demographics.middle_name, "Q");
  EXPECT_EQ(m1.demographics.extra.at("MEM_ADDR1"), "1 Main St");
  EXPECT_EQ(m1.demographics.extra.at("FILE_ID"), "1000");
  EXPECT_FALSE(m1.demographics.death_date);
  // A gap in April 2026: 04/01 to 04/30.
  const auto gaps = m1.GapsWithin({*Date::FromYmd(2026, 1, 1), *Date::FromYmd(2026, 12, 31)});
  ASSERT_EQ(gaps.size(), 1u);
  EXPECT_EQ(gaps[0].first.ToIso(), "2026-04-01");
  EXPECT_EQ(gaps[0].Days(), 30);
  ASSERT_EQ(m1.enrollment.size(), 2u);
  EXPECT_TRUE(m1.enrollment[0].benefits.Has(Benefit::kPharmacy));
  EXPECT_FALSE(m1.enrollment[1].benefits.Has(Benefit::kPharmacy));
  // Columns the mockup leaves empty take the layout's defaults: medical parts Y, dental N.
  EXPECT_TRUE(m1.enrollment[0].benefits.Has(Benefit::kMedicalInpatient));
  EXPECT_FALSE(m1.enrollment[0].benefits.Has(Benefit::kDental));
  EXPECT_EQ(m1.enrollment[1].product_id, "12");
  EXPECT_EQ(m1.enrollment[0].coverage_indicator, "PR");
  EXPECT_EQ(m1.enrollment[0].file_id, "4000");

  const MemberTimeline& m2 = set.members[set.Find("M002")];
  EXPECT_TRUE(m2.enrollment[0].benefits.Has(Benefit::kHospice));
  EXPECT_EQ(m2.demographics.death_date->ToIso(), "2026-11-20");
  // Spans are ordered by start; M004's were written the other way round.
  const MemberTimeline& m4 = set.members[set.Find("M004")];
  EXPECT_EQ(m4.enrollment[0].start.ToIso(), "2026-01-01");
  EXPECT_EQ(set.rows[set.Find("M004")].enrollment[0], (RowRef{SourceTable::kEnrollment, 7}));
  EXPECT_EQ(m4.demographics.birth_date.ToIso(), "1964-02-29");
  EXPECT_EQ(m4.demographics.sex, Sex::kOther);
  EXPECT_FALSE(m4.demographics.extra.contains("MEM_SSN"));  // NULL is no value
  // EMR_IN's DECEASED_DT reaches the demographics.
  EXPECT_EQ(m4.demographics.death_date->ToIso(), "2026-08-01");
}

// The events of one member as "SYSTEM CODE" strings, in timeline order.
std::vector<std::string> Codes(const MemberTimeline& m) {
  std::vector<std::string> codes;
  for (const CodedEvent& e : m.events) {
    codes.push_back(fmt::format("{} {}", CodeSystemId(e.system), e.code));
  }
  return codes;
}

TEST_F(ReadTimelinesTest, VisitCodeColumnsBecomeEvents) {
  const TimelineSet set = ReadOk(SmallMockup(), "sqlite");
  const std::ptrdiff_t i1 = set.Find("M001");
  const MemberTimeline& m1 = set.members[i1];
  // RX 01/05, RX 02/05, visit 02/10 (CPT_1, CPT_2 holding a CPT II code, POS, two diagnoses:
  // the layout's column order), lab 06/01 (CPT and LOINC).
  EXPECT_EQ(Codes(m1), (std::vector<std::string>{
                           "ndc 00002143380", "ndc 00002143380", "cpt 99213", "cpt_cat_ii 3074F",
                           "pos 11", "icd10cm Z1231", "icd10cm E119", "cpt 83036", "loinc 4548-4"}));
  const CodedEvent& cpt = m1.events[2];
  EXPECT_EQ(cpt.date.ToIso(), "2026-02-10");
  EXPECT_EQ(cpt.position, 1);
  EXPECT_EQ(cpt.claim_id, "C1");
  EXPECT_EQ(cpt.provider_id, "P9");
  EXPECT_EQ(cpt.source, DataSource::kClaim);
  EXPECT_EQ(cpt.extra.at("MY_NOTE"), "hello");  // a column the layout does not know
  EXPECT_EQ(cpt.extra.at("CPTMOD_1"), "25");
  EXPECT_EQ(m1.events[5].code_as_written, "Z12.31");
  EXPECT_EQ(m1.events[6].position, 2);
  EXPECT_EQ(set.rows[i1].events[2], (RowRef{SourceTable::kVisit, 2}));
  EXPECT_EQ(set.rows[i1].events[6], (RowRef{SourceTable::kVisit, 2}));
  EXPECT_EQ(set.rows[i1].events[8].ToString(), "LAB_IN row 3");

  const MemberTimeline& m2 = set.members[set.Find("M002")];
  EXPECT_EQ(Codes(m2), (std::vector<std::string>{"cpt 84153", "cpt 84153", "cpt_cat_ii 3074F",
                                                 "hcpcs G0103", "ubrev 0450", "ubtob 0111",
                                                 "icd9cm 185", "icd9pcs 605"}));
  EXPECT_EQ(m2.events[0].claim_status, ClaimStatus::kDenied);  // CLAIM_DEN=Y
  EXPECT_EQ(m2.events[0].table, SourceTable::kVisit);
  EXPECT_EQ(m2.events[1].table, SourceTable::kLab);
  EXPECT_EQ(m2.events[1].claim_status, ClaimStatus::kPaid);
  EXPECT_EQ(m2.events[2].source, DataSource::kSupplemental);  // FILE_ID 17955

  const MemberTimeline& m3 = set.members[set.Find("M003")];
  const CodedEvent& stay = m3.events[0];
  EXPECT_EQ(CodeSystemId(stay.system), "cvx");
  EXPECT_EQ(stay.code, "08");
  EXPECT_EQ(stay.end_date->ToIso(), "2026-01-14");
  EXPECT_EQ(stay.source, DataSource::kClaim);  // an unknown FILE_ID in VISIT_IN
}

TEST_F(ReadTimelinesTest, LabPharmacyEmrAndMonthlyValues) {
  const TimelineSet set = ReadOk(SmallMockup(), "xlsx");
  const MemberTimeline& m2 = set.members[set.Find("M002")];
  EXPECT_EQ(*m2.events[1].value, 4.5);
  EXPECT_EQ(m2.events[1].source, DataSource::kClaim);  // 70055: lab, primary
  const MemberTimeline& m1 = set.members[set.Find("M001")];
  EXPECT_EQ(*m1.events.back().value, 7.25);
  EXPECT_EQ(m1.events.back().source, DataSource::kSupplemental);  // 17055
  const CodedEvent& rx = m1.events[0];
  EXPECT_EQ(rx.code_as_written, "0002-1433-80");
  EXPECT_EQ(*rx.days_supply, 30);
  EXPECT_EQ(*rx.quantity, 30);
  EXPECT_EQ(rx.claim_id, "R1");
  EXPECT_EQ(rx.table, SourceTable::kPharmacy);
  EXPECT_EQ(m1.events[1].source, DataSource::kSupplemental);  // 17555

  const MemberTimeline& m3 = set.members[set.Find("M003")];
  EXPECT_EQ(Codes(m3), (std::vector<std::string>{"cvx 08", "ubrev 0100", "snomed_ct 428371000124100",
                                                 "cvx 08", "loinc 8480-6", "rxnorm 1991306",
                                                 "loinc 94500-6"}));
  const CodedEvent& bp = m3.events[4];
  EXPECT_EQ(*bp.value, 120);
  EXPECT_EQ(bp.unit, "mm[Hg]");
  EXPECT_EQ(bp.extra.at("BP_SYST"), "120");
  EXPECT_EQ(bp.source, DataSource::kSupplemental);  // 18055: EMR, supplemental
  EXPECT_EQ(m3.events[6].value_text, "Negative");
  EXPECT_FALSE(m3.events[6].value);
  EXPECT_EQ(m3.events[6].source, DataSource::kEmr);  // 18155: EMR, primary

  ASSERT_EQ(m2.monthly.size(), 1u);
  const MonthlyMembership& mm = m2.monthly[0];
  EXPECT_EQ(mm.run_date.ToIso(), "2026-07-01");
  EXPECT_EQ(mm.payment_date->ToIso(), "2026-07-01");
  EXPECT_TRUE(mm.hospice);
  EXPECT_FALSE(mm.lti);
  EXPECT_EQ(mm.plan_id, "H1234");
  EXPECT_EQ(mm.file_id, "20000");
}

// USE_LAB_VALUE=N drops the row's value; an ADMIT_DT apart from SERV_DT is kept beside it.
TEST_F(ReadTimelinesTest, UnusableValuesAndAdmissionsApartFromTheServiceDate) {
  Mockup mockup = SmallMockup();
  for (MockTable& t : mockup.tables) {
    if (t.name == "LAB_IN") {
      t.rows.push_back({{"MEM_NBR", "M001"}, {"LAB_SCR_DT", "08/01/2026"}, {"LAB_CPT", "84153"},
                        {"LAB_VALUE", "9.5"}, {"USE_LAB_VALUE", "N"}, {"FILE_ID", "70055"}});
      t.rows.push_back({{"MEM_NBR", "M001"}, {"LAB_SCR_DT", "08/02/2026"}, {"LAB_CPT", "84153"},
                        {"LAB_VALUE", "9.5"}, {"USE_LAB_VALUE", "Y"}, {"FILE_ID", "70055"}});
    }
    if (t.name == "VISIT_IN") {
      t.rows.push_back({{"MEM_NBR", "M001"}, {"SERV_DT", "01/01/2026"}, {"ADMIT_DT", "12/31/2025"},
                        {"DISCH_DT", "01/10/2026"}, {"REV", "0115"}, {"FILE_ID", "90055"}});
    }
  }
  for (const char* format : {"xlsx", "csv", "sqlite"}) {
    SCOPED_TRACE(format);
    const TimelineSet set = ReadOk(mockup, format);
    const MemberTimeline& m1 = set.members[set.Find("M001")];
    std::map<std::string, const CodedEvent*> by_day;
    for (const CodedEvent& e : m1.events) by_day[e.date.ToIso() + " " + e.code] = &e;
    ASSERT_TRUE(by_day.contains("2026-08-01 84153") && by_day.contains("2026-08-02 84153"));
    EXPECT_FALSE(by_day["2026-08-01 84153"]->value.has_value());
    EXPECT_EQ(by_day["2026-08-02 84153"]->value, 9.5);
    ASSERT_TRUE(by_day.contains("2026-01-01 0115"));
    const CodedEvent& stay = *by_day["2026-01-01 0115"];
    EXPECT_EQ(stay.admit_date->ToIso(), "2025-12-31");
    EXPECT_EQ(stay.end_date->ToIso(), "2026-01-10");
  }
}

TEST_F(ReadTimelinesTest, RowsOfUnknownMembersAreWarnings) {
  const TimelineSet set = ReadOk(SmallMockup(), "csv");
  ASSERT_EQ(set.warnings.size(), 2u);
  for (const Status& w : set.warnings) EXPECT_EQ(w.severity(), Severity::kRecoverable);
  EXPECT_EQ(set.warnings[0].message(),
            "ENROLLMENT_IN row 8: member 'M999' has no MEMBER_IN row; left out");
  EXPECT_EQ(set.warnings[1].message(),
            "VISIT_IN row 6: member 'M999' has no MEMBER_IN row; left out");
}

TEST_F(ReadTimelinesTest, TablesWithoutPrefixOrWithAnyMeasurePrefix) {
  Mockup bare = SmallMockup();
  bare.prefix = "";
  const std::string expected = Dump(ReadOk(SmallMockup(), "csv"));
  // The PSA prefix asked for, bare names found.
  EXPECT_EQ(Dump(ReadOk(bare, "sqlite")), expected);
  // No prefix asked for: PSA_ tables are found as the only ones of their name.
  EXPECT_EQ(Dump(ReadOk(SmallMockup(), "xlsx", ReadTablesOptions{})), expected);
}

TEST_F(ReadTimelinesTest, ProgressIsReportedPerTable) {
  ReadTablesOptions options = Psa();
  std::vector<std::string> finished;
  options.progress = [&](const ProgressEvent& e) {
    if (e.finished) finished.push_back(e.task);
  };
  ReadOk(SmallMockup(), "sqlite", options);
  ASSERT_EQ(finished.size(), 7u);
  EXPECT_EQ(finished[0], "Reading PSA_MEMBER_IN (MY 2026)");
}

// ---------------------------------------------------------------------------------------------
// Errors

MockTable& TableOf(Mockup& mockup, const std::string& name) {
  for (MockTable& t : mockup.tables) {
    if (t.name == name) return t;
  }
  throw std::runtime_error("no table " + name);
}

struct ErrorCase {
  const char* name;
  std::function<void(Mockup&)> change;
  StatusCode code;
  std::vector<std::string> expected;  // substrings of the status' ToString()
};

TEST_F(ReadTimelinesTest, ErrorsNameTableRowColumnAndWhatToDo) {
  const ErrorCase cases[] = {
      {"missing required table",
       [](Mockup& m) { std::erase_if(m.tables, [](auto& t) { return t.name == "ENROLLMENT_IN"; }); },
       StatusCode::kNotFound,
       {"no table PSA_ENROLLMENT_IN", "add a sheet or table named PSA_ENROLLMENT_IN"}},
      {"missing column",
       [](Mockup& m) {
         auto& h = TableOf(m, "VISIT_IN").header;
         std::erase(h, "SERV_DT");
       },
       StatusCode::kInvalidInput,
       {"PSA_VISIT_IN.csv", "table PSA_VISIT_IN has no column SERV_DT", "add the column"}},
      {"bad date",
       [](Mockup& m) { TableOf(m, "VISIT_IN").rows[1]["SERV_DT"] = "13/45/2026"; },
       StatusCode::kInvalidInput,
       {"PSA_VISIT_IN.csv: PSA_VISIT_IN row 3, column SERV_DT: '13/45/2026' is not a date",
        "write dates as MM/DD/YYYY"}},
      {"bad number",
       [](Mockup& m) { TableOf(m, "LAB_IN").rows[0]["LAB_VALUE"] = "4,5"; },
       StatusCode::kInvalidInput,
       {"PSA_LAB_IN row 2, column LAB_VALUE: '4,5' is not a number", "write a number"}},
      {"bad integer",
       [](Mockup& m) { TableOf(m, "RX_IN").rows[1]["RX_DAYS_SUPP"] = "90 days"; },
       StatusCode::kInvalidInput,
       {"PSA_RX_IN row 3, column RX_DAYS_SUPP: '90 days' is not a whole number"}},
      {"bad flag",
       [](Mockup& m) { TableOf(m, "VISIT_IN").rows[0]["CLAIM_DEN"] = "D"; },
       StatusCode::kInvalidInput,
       {"PSA_VISIT_IN row 2, column CLAIM_DEN: 'D' is not a flag (Y or N)", "write Y or N"}},
      {"bad month",
       [](Mockup& m) { TableOf(m, "MONTHLY_MBR_IN").rows[0]["PAYMENT_DT"] = "202613"; },
       StatusCode::kInvalidInput,
       {"column PAYMENT_DT: '202613' is not a month", "YYYYMM"}},
      {"empty required value",
       [](Mockup& m) { TableOf(m, "MEMBER_IN").rows[2]["MEM_DOB"] = "NULL"; },
       StatusCode::kInvalidInput,
       {"PSA_MEMBER_IN row 4, column MEM_DOB: is empty", "every MEMBER_IN row needs MEM_DOB"}},
      {"duplicate member",
       [](Mockup& m) { TableOf(m, "MEMBER_IN").rows[3]["MEM_NBR"] = "M001"; },
       StatusCode::kInvalidInput,
       {"PSA_MEMBER_IN row 5, column MEM_NBR: member 'M001' is also on row 3"}},
      {"bad sex",
       [](Mockup& m) { TableOf(m, "MEMBER_IN").rows[0]["MEM_GENDER"] = "Q"; },
       StatusCode::kInvalidInput,
       {"column MEM_GENDER: 'Q' is not a sex", "M, F, O or U"}},
      {"too long",
       [](Mockup& m) { TableOf(m, "VISIT_IN").rows[0]["CPT_1"] = std::string(21, '9'); },
       StatusCode::kInvalidInput,
       {"column CPT_1: '999999999999999999999' is 21 characters; the layout allows 20"}},
      {"end before start",
       [](Mockup& m) { TableOf(m, "VISIT_IN").rows[3]["DISCH_DT"] = "01/01/2026"; },
       StatusCode::kInvalidInput,
       {"PSA_VISIT_IN row 5, column DISCH_DT: '01/01/2026' is before the service date 01/10/2026"}},
  };
  for (const ErrorCase& c : cases) {
    Mockup mockup = SmallMockup();
    c.change(mockup);
    testing::TempDir dir;
    tables::testing::WriteCsvFolder(mockup, dir.File("csv"));
    Result<TimelineSet> set = ReadTimelines(dir.File("csv"), DefaultLayout(), Psa());
    ASSERT_FALSE(set.ok()) << c.name;
    EXPECT_EQ(set.status().code(), c.code) << c.name;
    for (const std::string& expected : c.expected) {
      EXPECT_NE(set.status().ToString().find(expected), std::string::npos)
          << c.name << ": " << set.status().ToString();
    }
  }
}

TEST_F(ReadTimelinesTest, EveryBadCellIsReported) {
  Mockup mockup = SmallMockup();
  TableOf(mockup, "VISIT_IN").rows[0]["SERV_DT"] = "yesterday";
  TableOf(mockup, "LAB_IN").rows[1]["LAB_SCR_DT"] = "02/30/2026";
  Result<TimelineSet> set = ReadTimelines(Write(mockup, "sqlite"), DefaultLayout(), Psa());
  ASSERT_FALSE(set.ok());
  EXPECT_NE(set.status().message().find("PSA_VISIT_IN row 2, column SERV_DT: 'yesterday'"),
            std::string::npos);
  ASSERT_EQ(set.status().more().size(), 1u);
  EXPECT_NE(set.status().more()[0].find("PSA_LAB_IN row 3, column LAB_SCR_DT: '02/30/2026'"),
            std::string::npos);
}

TEST_F(ReadTimelinesTest, SourceThatCannotBeOpened) {
  Result<TimelineSet> missing = ReadTimelines(dir_.File("nope.xlsx"), DefaultLayout(), Psa());
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  Result<TimelineSet> db = ReadTimelines("sqlite:" + dir_.File("nope.db"), DefaultLayout(), Psa());
  ASSERT_FALSE(db.ok());
  EXPECT_NE(db.status().ToString().find("nope.db"), std::string::npos);
}

TEST_F(ReadTimelinesTest, AnotherLayoutRenamesAColumn) {
  // A layout file is data: rename VISIT_IN's SERV_DT to DOS and the reader follows.
  Layout layout = DefaultLayout();
  for (LayoutTable& t : layout.tables) {
    if (t.table != SourceTable::kVisit) continue;
    for (LayoutColumn& c : t.columns) {
      if (c.name == "SERV_DT") c.name = "DOS";
    }
  }
  Mockup mockup = SmallMockup();
  MockTable& visit = TableOf(mockup, "VISIT_IN");
  std::replace(visit.header.begin(), visit.header.end(), std::string("SERV_DT"),
               std::string("DOS"));
  for (auto& row : visit.rows) {
    row["DOS"] = row["SERV_DT"];
    row.erase("SERV_DT");
  }
  Result<TimelineSet> set = ReadTimelines(Write(mockup, "csv"), layout, Psa());
  ASSERT_TRUE(set.ok()) << set.status().ToString();
  EXPECT_EQ(Dump(*set), Dump(ReadOk(SmallMockup(), "csv")));
}

}  // namespace
}  // namespace hm
