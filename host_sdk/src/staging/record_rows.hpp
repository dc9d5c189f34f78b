// Turning a batch of ABI records into column vectors and inserting them with one prepared
// statement per table (SOCI vector binding).
#ifndef INVHOST_STAGING_RECORD_ROWS_HPP
#define INVHOST_STAGING_RECORD_ROWS_HPP

#include <invsdk/adapter.h>

#include <cstdint>
#include <invhost/store.hpp>
#include <stdexcept>
#include <string>

namespace invhost::detail {

// A record the sink refuses (too long a text, an unknown enum value...): INVSDK_STATUS_DATA.
class record_data_error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Reads count records of kind (each record_size bytes apart, older or newer layouts accepted),
// checks their bounds, and inserts them as page `page` (from 1) of their stream. An external id
// already staged in this run's stream is dropped when the record is identical, refused when it
// differs. The caller owns the transaction. Throws record_data_error, leaving nothing of the
// batch staged, when a record is refused; soci_error on DB failure.
void insert_batch(soci::session& sql, invsdk_stream_kind kind, long long run_id,
                  const std::string& connection, long long page, const unsigned char* records,
                  uint64_t count, uint32_t record_size);

}  // namespace invhost::detail

#endif
