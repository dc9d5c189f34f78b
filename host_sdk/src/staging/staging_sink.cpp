// The sink protocol (begin once, emit, end once) over the staging tables.
#include <fmt/format.h>

#include <invhost/secrets.hpp>
#include <invhost/staging_sink.hpp>
#include <invsdk/adapter_base.hpp>
#include <invsdk/record_kinds.hpp>

#include "staging/record_rows.hpp"

namespace invhost {
namespace {

std::string_view state_text(staging_sink::stream_state s) {
  switch (s) {
    case staging_sink::stream_state::complete:
      return "complete";
    case staging_sink::stream_state::incomplete:
      return "incomplete";
    default:
      return "open";
  }
}

staging_sink* self(void* host_data) {
  return static_cast<staging_sink*>(host_data);
}

// The C face. Nothing thrown may cross back into the adapter. Each call is timed so a run can
// tell the database's share of the import from the adapter's.
invsdk_status c_begin(void* h, invsdk_stream_kind kind, invsdk_error* err) {
  const auto timer = self(h)->time_call();
  return invsdk::guarded(err, [&] { return self(h)->begin_stream(kind, err); });
}
invsdk_status c_emit(void* h, invsdk_stream_kind kind, const void* records, uint64_t count,
                     uint32_t size, invsdk_error* err) {
  const auto timer = self(h)->time_call();
  return invsdk::guarded(err, [&] { return self(h)->emit(kind, records, count, size, err); });
}
invsdk_status c_end(void* h, invsdk_stream_kind kind, invsdk_completeness c, invsdk_str reason,
                    invsdk_error* err) {
  const auto timer = self(h)->time_call();
  return invsdk::guarded(err, [&] { return self(h)->end_stream(kind, c, reason, err); });
}

}  // namespace

staging_sink::staging_sink(store& db, int64_t run_id, std::string connection)
    : db_(db), run_id_(run_id), connection_(std::move(connection)) {
  sink_.struct_size = sizeof(invsdk_sink);
  sink_.host_data = this;
  sink_.begin_stream = &c_begin;
  sink_.emit = &c_emit;
  sink_.end_stream = &c_end;
  // Batches are grouped into transactions (commit_every_*); in WAL mode synchronous=NORMAL
  // drops the fsync of each commit (the WAL is synced at checkpoints). A crash may lose the last
  // batches, never consistency, and a run cut short is never "staged", so nothing partial is
  // merged. Restored afterwards.
  if (db_.backend() == db_backend::sqlite) {
    try {
      int level = 2;
      db_.sql() << "PRAGMA synchronous", soci::into(level);
      saved_sqlite_synchronous_ = level;
      db_.sql() << "PRAGMA synchronous = NORMAL";
    } catch (const soci::soci_error&) {  // best effort: the import is correct either way
    }
  } else {
    // The same for PostgreSQL: commits of this session stop waiting for the WAL flush.
    try {
      db_.sql() << "SET synchronous_commit = off";
      pg_synchronous_commit_off_ = true;
    } catch (const soci::soci_error&) {
    }
  }
}

staging_sink::~staging_sink() {
  tx_.reset();  // an owner that never finished the streams keeps nothing uncommitted
  try {
    if (saved_sqlite_synchronous_ >= 0)
      db_.sql() << fmt::format("PRAGMA synchronous = {}", saved_sqlite_synchronous_);
    if (pg_synchronous_commit_off_) db_.sql() << "RESET synchronous_commit";
  } catch (const soci::soci_error&) {
  }
}

const staging_sink::stream_status& staging_sink::status(invsdk_stream_kind kind) const {
  static const stream_status none{};
  return invsdk::is_known_stream(kind) ? streams_[static_cast<std::size_t>(kind)] : none;
}

void staging_sink::commit_pending() {
  if (!tx_) return;
  for (invsdk_stream_kind k = 1; k <= INVSDK_STREAM_KIND_COUNT; ++k)
    if (streams_[static_cast<std::size_t>(k)].row_stale) write_stream_row(k);
  tx_->commit();
  tx_.reset();
  pending_records_ = 0;
}

invsdk_status staging_sink::fail_db(const std::string& what, invsdk_error* error) {
  tx_.reset();  // rolls back the batches not yet committed: the run fails as a whole
  if (db_failure_.empty()) db_failure_ = process_redactor().apply(what);
  return invsdk::set_error(error, INVSDK_STATUS_IO, "database: " + db_failure_);
}

void staging_sink::write_stream_row(invsdk_stream_kind kind) {
  auto& s = streams_[static_cast<std::size_t>(kind)];
  s.row_stale = false;
  const long long run = run_id_;
  const std::string name(invsdk::stream_name(kind));
  const long long records = static_cast<long long>(s.records);
  const long long pages = static_cast<long long>(s.pages);
  const std::string completeness(state_text(s.state));
  std::string reason = process_redactor().apply(s.reason);
  soci::indicator reason_ind = reason.empty() ? soci::i_null : soci::i_ok;
  db_.sql() << "INSERT INTO run_streams (run_id, kind, records, pages, completeness, reason) "
               "VALUES (:r, :k, :n, :p, :c, :why) ON CONFLICT (run_id, kind) DO UPDATE SET "
               "records = excluded.records, pages = excluded.pages, completeness = "
               "excluded.completeness, "
               "reason = excluded.reason",
      soci::use(run), soci::use(name), soci::use(records), soci::use(pages),
      soci::use(completeness), soci::use(reason, reason_ind);
}

invsdk_status staging_sink::begin_stream(invsdk_stream_kind kind, invsdk_error* error) {
  if (!db_failure_.empty()) return fail_db(db_failure_, error);
  if (!invsdk::is_known_stream(kind))
    return invsdk::set_error(error, INVSDK_STATUS_INVALID_ARGUMENT,
                             fmt::format("begin_stream: unknown stream kind {}", kind));
  auto& s = streams_[static_cast<std::size_t>(kind)];
  if (s.state != stream_state::not_begun)
    return invsdk::set_error(
        error, INVSDK_STATUS_INVALID_ARGUMENT,
        fmt::format("begin_stream: stream {} was already begun", invsdk::stream_name(kind)));
  s.state = stream_state::open;
  try {
    write_stream_row(kind);
  } catch (const soci::soci_error& e) {
    return fail_db(e.get_error_message(), error);
  }
  return INVSDK_STATUS_OK;
}

invsdk_status staging_sink::emit(invsdk_stream_kind kind, const void* records, uint64_t count,
                                 uint32_t record_size, invsdk_error* error) {
  if (!db_failure_.empty()) return fail_db(db_failure_, error);
  if (!invsdk::is_known_stream(kind))
    return invsdk::set_error(error, INVSDK_STATUS_INVALID_ARGUMENT,
                             fmt::format("emit: unknown stream kind {}", kind));
  auto& s = streams_[static_cast<std::size_t>(kind)];
  const std::string_view name = invsdk::stream_name(kind);
  if (s.state != stream_state::open)
    return invsdk::set_error(
        error, INVSDK_STATUS_INVALID_ARGUMENT,
        fmt::format("emit: stream {} is not open (begin it once, emit, end it once)", name));
  if (count == 0) return INVSDK_STATUS_OK;
  if (records == nullptr)
    return invsdk::set_error(error, INVSDK_STATUS_INVALID_ARGUMENT, "emit: records is NULL");
  if (record_size < min_record_size)
    return invsdk::set_error(error, INVSDK_STATUS_INVALID_ARGUMENT,
                             fmt::format("emit: record size {} is too small", record_size));
  if (count > max_batch_records)
    return invsdk::set_error(error, INVSDK_STATUS_DATA,
                             fmt::format("emit: a batch of {} {} exceeds the limit of {} records",
                                         count, name, max_batch_records));
  try {
    if (!tx_) {
      tx_ = std::make_unique<soci::transaction>(db_.sql());
      tx_started_ = std::chrono::steady_clock::now();
    }
    // A refused batch leaves nothing of itself staged: earlier batches of the open transaction
    // stay. It still counts as a page, so that positions in later messages match the adapter's.
    s.pages += 1;
    detail::insert_batch(db_.sql(), kind, run_id_, connection_, static_cast<long long>(s.pages),
                         static_cast<const unsigned char*>(records), count, record_size);
    s.records += count;
    s.row_stale = true;  // written with the commit, once for all the batches it holds
    pending_records_ += count;
    if (pending_records_ >= commit_every_records ||
        std::chrono::steady_clock::now() - tx_started_ >= commit_every_interval)
      commit_pending();
  } catch (const detail::record_data_error& e) {
    return invsdk::set_error(error, INVSDK_STATUS_DATA, e.what());
  } catch (const soci::soci_error& e) {
    return fail_db(e.get_error_message(), error);
  }
  return INVSDK_STATUS_OK;
}

invsdk_status staging_sink::end_stream(invsdk_stream_kind kind, invsdk_completeness completeness,
                                       invsdk_str reason, invsdk_error* error) {
  if (!db_failure_.empty()) return fail_db(db_failure_, error);
  if (!invsdk::is_known_stream(kind))
    return invsdk::set_error(error, INVSDK_STATUS_INVALID_ARGUMENT,
                             fmt::format("end_stream: unknown stream kind {}", kind));
  auto& s = streams_[static_cast<std::size_t>(kind)];
  if (s.state != stream_state::open)
    return invsdk::set_error(
        error, INVSDK_STATUS_INVALID_ARGUMENT,
        fmt::format("end_stream: stream {} is not open", invsdk::stream_name(kind)));
  if (completeness != INVSDK_STREAM_COMPLETE && completeness != INVSDK_STREAM_INCOMPLETE)
    return invsdk::set_error(error, INVSDK_STATUS_INVALID_ARGUMENT,
                             fmt::format("end_stream: unknown completeness {}", completeness));
  if (reason.size > max_text_bytes || (reason.size > 0 && reason.data == nullptr))
    return invsdk::set_error(error, INVSDK_STATUS_DATA, "end_stream: reason too long or NULL");
  s.state =
      completeness == INVSDK_STREAM_COMPLETE ? stream_state::complete : stream_state::incomplete;
  s.reason = std::string(invsdk::from_c(reason));
  if (s.state == stream_state::incomplete && s.reason.empty())
    s.reason = "the adapter gave no reason";
  try {
    write_stream_row(kind);
    commit_pending();  // a stream's end is durable with everything it carried
  } catch (const soci::soci_error& e) {
    return fail_db(e.get_error_message(), error);
  }
  return INVSDK_STATUS_OK;
}

void staging_sink::finish_open_streams() {
  for (invsdk_stream_kind k = 1; k <= INVSDK_STREAM_KIND_COUNT; ++k) {
    auto& s = streams_[static_cast<std::size_t>(k)];
    if (s.state != stream_state::open) continue;
    s.state = stream_state::incomplete;
    s.reason = "the stream was never ended";
    if (db_failure_.empty()) {
      try {
        write_stream_row(k);
      } catch (const soci::soci_error& e) {
        db_failure_ = e.get_error_message();
        tx_.reset();
      }
    }
  }
  if (db_failure_.empty()) {
    try {
      commit_pending();
    } catch (const soci::soci_error& e) {
      db_failure_ = e.get_error_message();
      tx_.reset();
    }
  }
}

}  // namespace invhost
