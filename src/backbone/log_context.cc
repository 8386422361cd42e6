// The per-thread context of log lines (see ScopedContext in log.h).
#include "hedis_mockup/log.h"

namespace hm::log {
namespace {

thread_local Context t_context;

}  // namespace

const Context& Current() { return t_context; }

ScopedContext::ScopedContext() : saved_(t_context) {}

ScopedContext::ScopedContext(const Context& installed) : saved_(t_context) {
  t_context = installed;
}

ScopedContext::~ScopedContext() { t_context = std::move(saved_); }

ScopedContext& ScopedContext::Session(std::string session_id) {
  t_context.session_id = std::move(session_id);
  return *this;
}

ScopedContext& ScopedContext::Measure(std::string measure) {
  t_context.measure = std::move(measure);
  return *this;
}

ScopedContext& ScopedContext::Member(std::string member_id) {
  t_context.member_id = std::move(member_id);
  return *this;
}

ScopedContext& ScopedContext::Patient(std::string patient_id) {
  t_context.patient_id = std::move(patient_id);
  return *this;
}

ScopedContext& ScopedContext::Phase(std::string phase) {
  t_context.phase = std::move(phase);
  return *this;
}

ScopedContext& ScopedContext::Profile(std::string profile) {
  t_context.profile = std::move(profile);
  return *this;
}

}  // namespace hm::log
