#include "abstract/anchor.h"

#include <algorithm>

#include "util/text.h"

namespace hm::abstract {
namespace {

std::string CodeKey(std::string_view code) {
  std::string key;
  for (char c : util::Upper(code)) {
    if (c != '.' && c != ' ') key += c;
  }
  return key;
}

bool Selected(const EvidenceRule& rule, const SourceRows& rows, const std::vector<SqlValue>& row) {
  if (rule.where_column.empty()) return true;
  const std::string value = CellText(row, rows.Column(rule.where_column));
  return std::find(rule.where_values.begin(), rule.where_values.end(), value) !=
         rule.where_values.end();
}

void Collect(const AnchorRule& anchor, const EvidenceRule& rule, const SourceRows& rows,
             std::vector<DiagnosisEvidence>& out) {
  const int date = rows.Column(rule.date_column);
  const int code = rows.Column(rule.code_column);
  const int name = rows.Column(rule.name_column);
  for (const std::vector<SqlValue>& row : rows.rows) {
    if (!Selected(rule, rows, row)) continue;
    DiagnosisEvidence e{NormalizeDate(CellText(row, date)), rule.kind, rule.source,
                        CellText(row, code), CellText(row, name)};
    if (e.date.empty()) continue;
    if (rule.match_any || IsDiagnosisCode(anchor, e.code) || IsDiagnosisName(anchor, e.name)) {
      out.push_back(std::move(e));
    }
  }
}

}  // namespace

bool IsDiagnosisCode(const AnchorRule& anchor, std::string_view code) {
  const std::string key = CodeKey(code);
  if (key.empty()) return false;
  return std::any_of(anchor.code_prefixes.begin(), anchor.code_prefixes.end(),
                     [&](const std::string& prefix) { return key.starts_with(CodeKey(prefix)); });
}

bool IsDiagnosisName(const AnchorRule& anchor, std::string_view name) {
  const std::string lower = util::Lower(name);
  if (lower.empty()) return false;
  return std::any_of(anchor.name_keywords.begin(), anchor.name_keywords.end(),
                     [&](const std::string& keyword) {
                       return lower.find(util::Lower(keyword)) != std::string::npos;
                     });
}

std::vector<DiagnosisEvidence> CollectEvidence(const AnchorRule& anchor, const PatientRows& rows) {
  std::vector<DiagnosisEvidence> evidence;
  for (const EvidenceRule& rule : anchor.evidence) {
    const auto found = rows.find(rule.source);
    if (found == rows.end() || !found->second.status.ok()) continue;
    Collect(anchor, rule, found->second, evidence);
  }
  std::sort(evidence.begin(), evidence.end());
  evidence.erase(std::unique(evidence.begin(), evidence.end()), evidence.end());
  return evidence;
}

std::optional<AnchoredDiagnosis> ChooseAnchor(const AnchorRule& anchor,
                                              std::vector<DiagnosisEvidence> evidence) {
  for (const std::string& kind : anchor.preference) {
    // Sorted by date first: the first of this kind is the earliest.
    const auto it = std::find_if(evidence.begin(), evidence.end(),
                                 [&](const DiagnosisEvidence& e) { return e.kind == kind; });
    if (it == evidence.end()) continue;
    AnchoredDiagnosis d{it->code, it->name, it->date, it->source, it->kind, {}};
    if (!IsDiagnosisCode(anchor, d.code)) {
      const auto coded = std::find_if(evidence.begin(), evidence.end(), [&](const auto& e) {
        return IsDiagnosisCode(anchor, e.code);
      });
      if (coded != evidence.end()) d.code = coded->code;
    }
    d.evidence = std::move(evidence);
    return d;
  }
  return std::nullopt;
}

}  // namespace hm::abstract
