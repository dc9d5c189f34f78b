// Injectable faults. A fault is one SPEC string (see docs/fsm-simulator.md):
//   KIND[,path=SUBSTRING][,nth=N][,count=K][,rate=P][,seed=S][,retry-after=SECONDS]
//   KIND = status=CODE | drop | slow=MS | malformed | truncated | loop
// Faults are matched against every request except the simulator's own /_sim endpoints.
#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace fsmsim {

enum class fault_kind { status, drop, slow, malformed, truncated, loop };

struct fault_spec {
  fault_kind kind = fault_kind::status;
  unsigned status = 0;       // status=CODE
  unsigned delay_ms = 0;     // slow=MS
  std::string path;          // substring of the request path; empty matches every path
  std::uint64_t nth = 0;     // fire from the Nth matching request (1-based); 0: not set
  std::uint64_t count = 0;   // how many times it may fire; 0: unlimited
  double rate = -1.0;        // fire with this probability; < 0: not set
  std::uint64_t seed = 1;    // for rate
  unsigned retry_after = 1;  // seconds, with status=429
  std::string text;          // the spec as given
};

// Parses a SPEC; returns an error message instead when it is malformed.
struct fault_parse_result {
  std::optional<fault_spec> spec;
  std::string error;
};
fault_parse_result parse_fault(std::string_view text);

// What the faults that fired ask of one response.
struct fault_actions {
  std::optional<unsigned> status;
  unsigned retry_after = 1;
  bool drop = false;
  unsigned delay_ms = 0;
  bool malformed = false;
  bool truncated = false;
  bool loop = false;
  unsigned fired = 0;
};

// Thread-safe set of active faults with their counters.
class fault_set {
 public:
  void add(fault_spec spec);
  void clear();
  std::vector<std::string> list() const;
  // Counts this request against every matching fault and returns what fired.
  fault_actions on_request(std::string_view path);

 private:
  struct state {
    fault_spec spec;
    std::uint64_t matched = 0, fired = 0, rng = 0;
  };
  mutable std::mutex mutex_;
  std::vector<state> faults_;
};

}  // namespace fsmsim
