#include "invsdk_test/recording_host.hpp"

#include <invsdk/adapter_base.hpp>

namespace invsdk_test {

recording_host::recording_host() {
  services_.struct_size = sizeof(invsdk_host_services);
  services_.host_data = this;
  services_.log = &log_cb;
  services_.progress = &progress_cb;
  services_.is_cancelled = &cancelled_cb;
}

std::vector<log_line> recording_host::logs() const {
  const std::lock_guard lock(mutex_);
  return logs_;
}

std::vector<invsdk_progress> recording_host::progress_events() const {
  const std::lock_guard lock(mutex_);
  return progress_;
}

bool recording_host::logged(std::string_view needle) const {
  const std::lock_guard lock(mutex_);
  for (const auto& l : logs_)
    if (l.text.find(needle) != std::string::npos) return true;
  return false;
}

void recording_host::log_cb(void* self, invsdk_log_level level, invsdk_str message) {
  auto* h = static_cast<recording_host*>(self);
  try {
    const std::lock_guard lock(h->mutex_);
    h->logs_.push_back({level, std::string(invsdk::from_c(message))});
  } catch (...) {  // a host callback must not throw into the adapter
  }
}

void recording_host::progress_cb(void* self, const invsdk_progress* progress) {
  auto* h = static_cast<recording_host*>(self);
  if (progress == nullptr) return;
  try {
    const std::lock_guard lock(h->mutex_);
    h->progress_.push_back(invsdk::read_sized<invsdk_progress>(progress, progress->struct_size));
    if (h->cancel_on_progress_ != 0 && h->progress_.size() == h->cancel_on_progress_)
      h->cancelled_.store(true);
  } catch (...) {
  }
}

int32_t recording_host::cancelled_cb(void* self) {
  auto* h = static_cast<recording_host*>(self);
  h->cancel_checks_.fetch_add(1);
  return h->cancelled_.load() ? 1 : 0;
}

}  // namespace invsdk_test
