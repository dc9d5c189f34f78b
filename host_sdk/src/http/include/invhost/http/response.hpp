// What a handler fills: one whole response (send, redirect) or one streamed response (begin,
// write..., end). The server adds the security headers to either.
#ifndef INVHOST_HTTP_RESPONSE_HPP
#define INVHOST_HTTP_RESPONSE_HPP

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace invhost::http {

// Extra response headers. Names and values must not hold CR, LF or NUL (std::invalid_argument):
// a value taken from a request can never split the response.
using header_list = std::vector<std::pair<std::string, std::string>>;

class response {
 public:
  virtual ~response() = default;

  // The whole response at once, with Content-Length. Once per request (std::logic_error after a
  // response was started).
  virtual void send(unsigned status, std::string_view content_type, std::string_view body,
                    const header_list& headers = {}) = 0;

  // A streamed response, sent with chunked transfer encoding so a large export never sits in
  // memory: begin once, write any number of times, then end. write returns false once the client
  // has gone away (the handler should stop producing); later writes are ignored. A handler that
  // returns without end() has its stream ended for it.
  virtual void begin(unsigned status, std::string_view content_type,
                     const header_list& headers = {}) = 0;
  virtual bool write(std::string_view chunk) = 0;
  virtual void end() = 0;

  // Whether send or begin was called.
  [[nodiscard]] virtual bool started() const noexcept = 0;

  // 303 See Other to location (a path on this site, or a full URL): the answer to a form POST.
  void redirect(std::string_view location, const header_list& headers = {});
};

}  // namespace invhost::http

#endif
