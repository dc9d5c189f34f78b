// Authenticated GETs against the FSM API, answers judged and parsed.
#ifndef FSM_API_CLIENT_HPP
#define FSM_API_CLIENT_HPP

#include <boost/json/value.hpp>
#include <fsm/request_runner.hpp>
#include <fsm/settings.hpp>
#include <fsm/token_source.hpp>
#include <string_view>

namespace fsm {

class api_client {
 public:
  api_client(const settings& s, request_runner& runner, token_source& tokens);

  // GETs target (path and query on the API server) and returns the parsed body. A 401 renews
  // the token and tries once more. Throws invsdk::error: UNAUTHENTICATED (401 twice),
  // PERMISSION_DENIED (403), INVALID_CONFIG (404: unknown organisation), DATA (400, other 4xx,
  // malformed JSON with the byte offset), IO (409/423: try later) and the runner's statuses.
  boost::json::value get_json(std::string_view target);

  // Sends the GET of target ahead (request_runner::prefetch); the get_json(target) that follows
  // takes its answer. For the next page, while the caller works on the current one.
  void prefetch(std::string_view target);

 private:
  const settings& settings_;
  request_runner& runner_;
  token_source& tokens_;
};

}  // namespace fsm

#endif  // FSM_API_CLIENT_HPP
