// Counters served at GET /_sim/stats.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>

namespace fsmsim {

class stats {
 public:
  // `route` is the matched route template (bounded set), not the raw path.
  void on_response(const std::string& route, unsigned status);
  void on_fault(unsigned fired);
  void on_connection();
  void on_drop();
  // tokens issued/refused come from the token store.
  boost::json::object to_json(std::uint64_t tokens_issued, std::uint64_t tokens_refused) const;

 private:
  mutable std::mutex mutex_;
  std::map<std::string, std::uint64_t> requests_;
  std::map<unsigned, std::uint64_t> statuses_;
  std::uint64_t faults_ = 0, connections_ = 0, drops_ = 0, total_ = 0;
};

}  // namespace fsmsim
