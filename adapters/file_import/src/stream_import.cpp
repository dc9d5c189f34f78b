#include "stream_import.hpp"

#include <span>
#include <system_error>

#include "record_views.hpp"

namespace file_import {
namespace {

// Rows waiting to be emitted. Views are built from them only at flush, once they stop moving.
class batch {
 public:
  batch(invsdk_stream_kind stream, stream_context& ctx) : stream_(stream), ctx_(ctx) {
    rows_.reserve(batch_rows);
  }
  [[nodiscard]] bool full() const { return rows_.size() >= batch_rows; }
  void add(row&& r) { rows_.push_back(std::move(r)); }
  void flush() {
    if (rows_.empty()) return;
    switch (stream_) {
      case INVSDK_STREAM_APPLICATIONS:
        emit_with(application_view);
        break;
      case INVSDK_STREAM_LICENSES:
        emit_licenses();
        break;
      case INVSDK_STREAM_ENTITLEMENTS:
        emit_with(entitlement_view);
        break;
      case INVSDK_STREAM_ACCESSING_USERS:
        emit_with(accessing_user_view);
        break;
      case INVSDK_STREAM_CONSUMPTION:
        emit_with(consumption_view);
        break;
      default:
        break;
    }
    done_ += rows_.size();
    ++batches_;
    rows_.clear();
    ctx_.host.progress(stream_, done_, -1, batches_, 0);
  }
  [[nodiscard]] uint64_t done() const { return done_; }
  // The last progress event of the stream: its total is now known.
  void report_final() const {
    ctx_.host.progress(stream_, done_, static_cast<int64_t>(done_), batches_, 0);
  }

 private:
  template <typename View>
  void emit_with(View view) {
    using record = decltype(view(rows_.front()));
    std::vector<record> records;
    records.reserve(rows_.size());
    for (const auto& r : rows_) records.push_back(view(r));
    ctx_.sink.emit(std::span<const record>(records));
  }
  void emit_licenses() {
    std::vector<std::vector<invsdk_str>> ids(rows_.size());
    std::vector<invsdk_license> records;
    records.reserve(rows_.size());
    for (size_t i = 0; i < rows_.size(); ++i) records.push_back(license_view(rows_[i], ids[i]));
    ctx_.sink.emit(std::span<const invsdk_license>(records));
  }

  invsdk_stream_kind stream_;
  stream_context& ctx_;
  std::vector<row> rows_;
  uint64_t done_ = 0;
  uint64_t batches_ = 0;
};

std::string place(const std::string& file, const row& r, const row_problem& p) {
  std::string out = file + " " + r.location;
  if (!p.column.empty()) out += ", column '" + p.column + "'";
  return out + ": " + p.message;
}

std::unique_ptr<row_source> open_source(const table_schema& schema, const located_file& file,
                                        stream_context& ctx) {
  const auto& path = *file.path;
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  if (ec) throw file_error(path.filename().string() + ": cannot be read: " + ec.message());
  if (size > max_file_bytes)
    throw file_error(path.filename().string() + ": larger than the 1 GiB limit");
  auto warn = [&ctx](const std::string& m) { ctx.host.warn(m); };
  if (file.format == file_format::json) return open_json(path, schema, ctx.settings.strict, warn);
  return open_csv(path, schema, ctx.settings.strict, warn);
}

}  // namespace

located_file locate(const std::filesystem::path& directory, std::string_view base,
                    file_format format) {
  located_file out;
  std::error_code ec;
  const auto csv = directory / (std::string(base) + ".csv");
  const auto json = directory / (std::string(base) + ".json");
  const bool has_csv = format != file_format::json && std::filesystem::is_regular_file(csv, ec);
  const bool has_json = format != file_format::csv && std::filesystem::is_regular_file(json, ec);
  if (has_csv && has_json) {
    out.ambiguity = std::string(base) + ".csv and " + std::string(base) +
                    ".json both exist; keep one or set format";
    return out;
  }
  if (has_csv) out = {csv, file_format::csv, {}};
  if (has_json) out = {json, file_format::json, {}};
  return out;
}

stream_result import_stream(const table_schema& schema, const located_file& file,
                            stream_context& ctx) {
  const invsdk_stream_kind kind = schema.stream;
  ctx.sink.begin(kind);
  auto incomplete = [&](const std::string& why) {
    ctx.sink.end(kind, false, why);
    return stream_result{false, why};
  };
  if (!file.ambiguity.empty()) return incomplete(file.ambiguity);

  const std::string name = file.path->filename().string();
  ctx.completion.start_stream(kind);
  batch pending(kind, ctx);
  uint64_t skipped = 0;
  std::string first_problem;
  try {
    auto source = open_source(schema, file, ctx);
    row r;
    while (source->next(r)) {
      std::optional<row_problem> p = r.problem;
      if (!p) p = check_row(schema, r);
      if (!p) p = ctx.completion.complete(kind, r);
      if (p) {
        const std::string where = place(name, r, *p);
        if (ctx.settings.strict) {
          pending.flush();  // rows before the bad one are good: deliver them
          return incomplete(where);
        }
        ctx.host.warn("skipping row: " + where);
        if (first_problem.empty()) first_problem = where;
        ++skipped;
        continue;
      }
      pending.add(std::move(r));
      if (pending.full()) {
        pending.flush();
        if (ctx.cancelled()) {
          ctx.sink.end(kind, false, "cancelled");
          throw invsdk::error(INVSDK_STATUS_CANCELLED, "import cancelled");
        }
      }
    }
  } catch (const file_error& e) {
    pending.flush();
    return incomplete(e.what());
  }
  pending.flush();
  pending.report_final();
  if (skipped > 0)
    return incomplete(std::to_string(skipped) + " row(s) skipped; first: " + first_problem);
  ctx.sink.end(kind, true);
  ctx.host.info(name + ": " + std::to_string(pending.done()) + " record(s)");
  return stream_result{true, {}};
}

}  // namespace file_import
