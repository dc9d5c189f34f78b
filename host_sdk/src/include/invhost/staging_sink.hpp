// The invsdk_sink of one run: streams of records copied into the staged_* tables.
#ifndef INVHOST_STAGING_SINK_HPP
#define INVHOST_STAGING_SINK_HPP

#include <invsdk/adapter.h>

#include <array>
#include <chrono>
#include <cstdint>
#include <invhost/store.hpp>
#include <memory>
#include <string>
#include <string_view>

namespace invhost {

// Bounds on what one emit() may carry; beyond them the sink answers INVSDK_STATUS_DATA.
// (adapter.h's C macro multiplies two small unsigned constants: 65536, no overflow to widen.)
inline constexpr uint64_t max_text_bytes =
    INVSDK_MAX_TEXT_BYTES;  // NOLINT(bugprone-implicit-widening-of-multiplication-result)
inline constexpr uint64_t max_batch_records = INVSDK_MAX_BATCH_RECORDS;
// The smallest record_size an emit may give: a struct_size and the external id.
inline constexpr uint32_t min_record_size = sizeof(uint32_t) + sizeof(invsdk_str);
// Emitted batches share one transaction until this many records or this much time has gone by,
// or a stream ends: adapters emit a page at a time (often ~100 records), and a commit per page
// made the commits, not the rows, the cost of staging.
inline constexpr uint64_t commit_every_records = 20'000;
inline constexpr std::chrono::seconds commit_every_interval{2};

class staging_sink {
 public:
  enum class stream_state { not_begun, open, complete, incomplete };
  struct stream_status {
    stream_state state = stream_state::not_begun;
    uint64_t records = 0;
    uint64_t pages = 0;  // batches received
    std::string reason;
    bool row_stale = false;  // run_streams lags behind records/pages until the next commit
  };

  // Stages into db for run_id of connection. Both must outlive the sink.
  staging_sink(store& db, int64_t run_id, std::string connection);
  ~staging_sink();
  staging_sink(const staging_sink&) = delete;
  staging_sink& operator=(const staging_sink&) = delete;

  // The C sink to hand to the adapter; valid while this object lives.
  [[nodiscard]] const invsdk_sink* c_sink() const noexcept { return &sink_; }

  // Marks every stream begun but never ended as incomplete ("never ended") in run_streams, and
  // commits what is pending.
  void finish_open_streams();

  [[nodiscard]] const stream_status& status(invsdk_stream_kind kind) const;
  // The first database failure, empty when none. After one, every call answers INVSDK_STATUS_IO.
  [[nodiscard]] const std::string& db_failure() const noexcept { return db_failure_; }

  // Time spent inside the sink's C functions so far (begin, emit, end).
  [[nodiscard]] std::chrono::nanoseconds busy_time() const noexcept { return busy_; }

  // Adds the lifetime of the returned object to busy_time().
  class call_timer {
   public:
    explicit call_timer(std::chrono::nanoseconds& total) noexcept
        : total_(total), start_(std::chrono::steady_clock::now()) {}
    call_timer(const call_timer&) = delete;
    call_timer& operator=(const call_timer&) = delete;
    ~call_timer() { total_ += std::chrono::steady_clock::now() - start_; }

   private:
    std::chrono::nanoseconds& total_;
    std::chrono::steady_clock::time_point start_;
  };
  [[nodiscard]] call_timer time_call() noexcept { return call_timer(busy_); }

  // The C++ bodies behind the C functions (also used directly by tests).
  invsdk_status begin_stream(invsdk_stream_kind kind, invsdk_error* error);
  invsdk_status emit(invsdk_stream_kind kind, const void* records, uint64_t count,
                     uint32_t record_size, invsdk_error* error);
  invsdk_status end_stream(invsdk_stream_kind kind, invsdk_completeness completeness,
                           invsdk_str reason, invsdk_error* error);

 private:
  invsdk_status fail_db(const std::string& what, invsdk_error* error);
  void commit_pending();
  void write_stream_row(invsdk_stream_kind kind);

  store& db_;
  int64_t run_id_;
  std::string connection_;
  std::array<stream_status, INVSDK_STREAM_KIND_COUNT + 1> streams_{};
  std::string db_failure_;
  std::chrono::nanoseconds busy_{0};
  int saved_sqlite_synchronous_ = -1;       // restored on destruction; -1: not changed
  bool pg_synchronous_commit_off_ = false;  // reset on destruction
  std::unique_ptr<soci::transaction> tx_;   // open while batches are pending
  std::chrono::steady_clock::time_point tx_started_{};
  uint64_t pending_records_ = 0;
  invsdk_sink sink_{};
};

}  // namespace invhost

#endif
