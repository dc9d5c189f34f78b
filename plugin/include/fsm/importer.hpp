// One import run: applications, then licenses with their entitlements, then app users as
// accessing users and consumption, each page mapped and emitted as it arrives.
#ifndef FSM_IMPORTER_HPP
#define FSM_IMPORTER_HPP

#include <array>
#include <cstdint>
#include <fsm/api_client.hpp>
#include <fsm/mapping.hpp>
#include <fsm/packed_hash_set.hpp>
#include <fsm/request_runner.hpp>
#include <fsm/settings.hpp>
#include <invsdk/adapter_base.hpp>
#include <string>
#include <unordered_set>

namespace fsm {

struct import_counts {
  // Records emitted per stream, indexed by invsdk_stream_kind.
  std::array<uint64_t, INVSDK_STREAM_KIND_COUNT + 1> records{};
  uint64_t pages = 0;
};

class importer {
 public:
  importer(const settings& s, request_runner& runner, api_client& api, const invsdk::host& host);

  // Pushes everything into out. Each stream ends complete only when every page of its list
  // arrived; on failure the streams still open end incomplete with the reason and the error is
  // thrown on (invsdk::error with its status).
  import_counts run(invsdk::sink_writer& out);

  // The first page of managed apps, for a connection check: a one-line summary.
  std::string check();

 private:
  void import_applications(invsdk::sink_writer& out);
  void import_licenses(invsdk::sink_writer& out);
  void import_app_users(invsdk::sink_writer& out);
  void report(invsdk_stream_kind kind, uint64_t pages) const;

  const settings& settings_;
  request_runner& runner_;
  api_client& api_;
  const invsdk::host& host_;
  link_context links_;
  import_counts counts_;
  std::unordered_set<std::string> microsoft_365_apps_;
  term_index terms_;
  packed_hash_set people_seen_;  // 64-bit hashes of accessing-user keys
};

}  // namespace fsm

#endif  // FSM_IMPORTER_HPP
