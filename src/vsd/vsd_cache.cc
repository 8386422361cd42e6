#include "vsd/vsd_cache.h"

#include <cstring>

namespace hm::vsd {
namespace {

constexpr char kMagic[8] = {'H', 'M', 'V', 'S', 'D', 'C', 'A', '1'};
constexpr std::uint32_t kEndMarker = 0x454e4421;  // "END!"

class Writer {
 public:
  void U8(std::uint8_t v) { out_.push_back(static_cast<char>(v)); }
  void U32(std::uint32_t v) { out_.append(reinterpret_cast<const char*>(&v), sizeof v); }
  void Str(const std::string& s) {
    U32(static_cast<std::uint32_t>(s.size()));
    out_ += s;
  }
  std::string Take() && { return std::move(out_); }

 private:
  std::string out_;
};

// Every read checks that the bytes are there; the first failure sticks and later reads return 0.
class Reader {
 public:
  explicit Reader(std::string_view bytes) : bytes_(bytes) {}
  bool ok() const { return ok_; }
  std::uint8_t U8() {
    if (!Need(1)) return 0;
    return static_cast<std::uint8_t>(bytes_[pos_++]);
  }
  std::uint32_t U32() {
    std::uint32_t v = 0;
    if (!Need(sizeof v)) return 0;
    std::memcpy(&v, bytes_.data() + pos_, sizeof v);
    pos_ += sizeof v;
    return v;
  }
  std::string Str() {
    const std::uint32_t size = U32();
    if (!Need(size)) return {};
    std::string s(bytes_.substr(pos_, size));
    pos_ += size;
    return s;
  }
  bool Magic() {
    if (!Need(sizeof kMagic) || std::memcmp(bytes_.data(), kMagic, sizeof kMagic) != 0) {
      return ok_ = false;
    }
    pos_ += sizeof kMagic;
    return true;
  }
  // A count of items each at least `min_bytes` long: refuses counts the remaining bytes can't hold,
  // so a corrupt count cannot make us reserve gigabytes.
  std::uint32_t Count(std::size_t min_bytes) {
    const std::uint32_t n = U32();
    if (ok_ && static_cast<std::uint64_t>(n) * min_bytes > bytes_.size() - pos_) ok_ = false;
    return ok_ ? n : 0;
  }
  bool AtEnd() const { return pos_ == bytes_.size(); }
  // A 0/1 flag; any other byte makes the whole read fail, so that decoding is one-to-one.
  bool Flag() {
    const std::uint8_t v = U8();
    if (v > 1) ok_ = false;
    return v == 1;
  }

 private:
  bool Need(std::size_t n) {
    if (ok_ && n > bytes_.size() - pos_) ok_ = false;
    return ok_;
  }
  std::string_view bytes_;
  std::size_t pos_ = 0;
  bool ok_ = true;
};

bool Consistent(const ValueSetDirectory::Data& data) {
  const std::size_t sets = data.value_sets.size(), codes = data.codes.size();
  for (const ValueSet& set : data.value_sets) {
    if (set.first_code > codes || set.code_count > codes - set.first_code) return false;
  }
  for (const ValueSetCode& code : data.codes) {
    if (code.value_set >= sets || static_cast<int>(code.system) >= kCodeSystemCount) return false;
  }
  for (const MeasureValueSets& measure : data.measures) {
    for (std::uint32_t set : measure.value_sets) {
      if (set >= sets) return false;
    }
  }
  if (data.by_code.size() != codes) return false;
  for (std::uint32_t i : data.by_code) {
    if (i >= codes) return false;
  }
  return true;
}

}  // namespace

std::string EncodeCache(const ValueSetDirectory::Data& data) {
  Writer w;
  for (char c : kMagic) w.U8(static_cast<std::uint8_t>(c));
  w.U32(static_cast<std::uint32_t>(data.value_sets.size()));
  for (const ValueSet& set : data.value_sets) {
    w.Str(set.name);
    w.Str(set.oid);
    w.Str(set.version);
    w.U8(set.medication_list ? 1 : 0);
    w.U32(set.first_code);
    w.U32(set.code_count);
  }
  w.U32(static_cast<std::uint32_t>(data.codes.size()));
  for (const ValueSetCode& code : data.codes) {
    w.U8(static_cast<std::uint8_t>(code.system));
    w.Str(code.code);
    w.Str(code.normalized);
    w.Str(code.definition);
    w.Str(code.code_system_version);
    w.U32(code.value_set);
  }
  w.U32(static_cast<std::uint32_t>(data.measures.size()));
  for (const MeasureValueSets& measure : data.measures) {
    w.Str(measure.id);
    w.Str(measure.name);
    w.U32(static_cast<std::uint32_t>(measure.value_sets.size()));
    for (std::uint32_t set : measure.value_sets) w.U32(set);
  }
  w.U32(static_cast<std::uint32_t>(data.by_code.size()));
  for (std::uint32_t i : data.by_code) w.U32(i);
  w.U32(kEndMarker);
  return std::move(w).Take();
}

Result<ValueSetDirectory::Data> DecodeCache(std::string_view bytes) {
  Reader r(bytes);
  ValueSetDirectory::Data data;
  if (r.Magic()) {
    data.value_sets.resize(r.Count(21));
    for (ValueSet& set : data.value_sets) {
      set.name = r.Str();
      set.oid = r.Str();
      set.version = r.Str();
      set.medication_list = r.Flag();
      set.first_code = r.U32();
      set.code_count = r.U32();
    }
    data.codes.resize(r.Count(21));
    for (ValueSetCode& code : data.codes) {
      code.system = static_cast<CodeSystem>(r.U8());
      code.code = r.Str();
      code.normalized = r.Str();
      code.definition = r.Str();
      code.code_system_version = r.Str();
      code.value_set = r.U32();
    }
    data.measures.resize(r.Count(12));
    for (MeasureValueSets& measure : data.measures) {
      measure.id = r.Str();
      measure.name = r.Str();
      measure.value_sets.resize(r.Count(4));
      for (std::uint32_t& set : measure.value_sets) set = r.U32();
    }
    data.by_code.resize(r.Count(4));
    for (std::uint32_t& i : data.by_code) i = r.U32();
  }
  if (!r.ok() || r.U32() != kEndMarker || !r.AtEnd() || !Consistent(data)) {
    return Status::InvalidInput("not a complete value-set cache of this version",
                                "it will be rebuilt from the VSD");
  }
  data.IndexNames();
  return data;
}

}  // namespace hm::vsd
