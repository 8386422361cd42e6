#include "measure/yaml_document.h"

#include <fmt/format.h>
#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>

#include <algorithm>
#include <sstream>
#include <vector>

namespace hm::measure {
namespace {

constexpr std::string_view kSyntaxHint =
    "check the indentation and the brackets on this line and the one before; quote text that "
    "starts with >, |, *, &, !, %, @ or `";

// Records where each document starts; ignores the rest.
class DocumentStarts : public YAML::EventHandler {
 public:
  std::vector<YAML::Mark> starts;

  void OnDocumentStart(const YAML::Mark& mark) override { starts.push_back(mark); }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t,
                const std::string&) override {}
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {}
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                  YAML::EmitterStyle::value) override {}
  void OnMapEnd() override {}
};

Status AtMark(Status status, const YAML::Mark& mark, const std::string& name) {
  if (mark.line >= 0) status = std::move(status).AtLine(mark.line + 1);
  return std::move(status).InFile(name);
}

Status SyntaxError(const YAML::Mark& mark, const std::string& what, const std::string& name) {
  return AtMark(Status::InvalidInput(
                    fmt::format("YAML syntax error at column {}: {}", mark.column + 1, what),
                    std::string(kSyntaxHint)),
                mark, name);
}

// Parses the whole text (events only), stopping at the third document: a second is an error,
// and a third tells a real second document from yaml-cpp stuck on a token. Throws yaml-cpp's
// exceptions.
Status CheckOneDocument(const std::string& text, const std::string& name) {
  std::istringstream stream(text);
  YAML::Parser parser(stream);
  DocumentStarts handler;
  while (handler.starts.size() < 3 && parser.HandleNextDocument(handler)) {
  }
  const std::vector<YAML::Mark>& starts = handler.starts;
  for (std::size_t i = 1; i < starts.size(); ++i) {
    if (starts[i].pos != starts[i - 1].pos) continue;
    // No progress: yaml-cpp found a token no document may start with.
    const std::size_t at = static_cast<std::size_t>(std::max(starts[i].pos, 0));
    return SyntaxError(starts[i],
                       fmt::format("unexpected '{}'", at < text.size() ? text[at] : ' '), name);
  }
  if (starts.size() < 2) return Status::Ok();
  return AtMark(Status::InvalidInput("the file holds more than one YAML document",
                                     "a measure file holds one measure; remove the '---' "
                                     "separators"),
                starts[1], name);
}

}  // namespace

Result<YAML::Node> LoadYamlDocument(std::string_view text, const std::string& name) {
  const std::string copy(text);
  YAML::Node root;
  try {
    HM_RETURN_IF_ERROR(CheckOneDocument(copy, name));
    root = YAML::Load(copy);
  } catch (const YAML::DeepRecursion& error) {
    return AtMark(Status::LimitExceeded("the YAML is nested too deeply to read",
                                        "a measure nests a few levels; is this a measure file?"),
                  error.mark, name);
  } catch (const YAML::Exception& error) {
    return SyntaxError(error.mark, error.msg, name);
  }
  if (root.IsNull()) {
    return Status::InvalidInput("the measure file is empty",
                                "start from measures/psa.yaml; see docs/measure-language.md")
        .InFile(name);
  }
  return root;
}

}  // namespace hm::measure
