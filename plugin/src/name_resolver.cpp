#include <netdb.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <fsm/name_resolver.hpp>
#include <thread>

namespace fsm {

struct name_resolver::lookup {
  std::string host;
  std::string port;
  addrinfo hints{};
  gaicb request{};

  lookup(std::string h, std::string p) : host(std::move(h)), port(std::move(p)) {
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    // No AI_ADDRCONFIG: with it glibc opens a netlink socket to list the interfaces, which the
    // service's sandbox (RestrictAddressFamilies) refuses. An IPv6 answer on an IPv4-only host
    // only fails to connect, and the connect tries the next address.
    hints.ai_flags = 0;
    request.ar_name = host.c_str();
    request.ar_service = port.c_str();
    request.ar_request = &hints;
  }
  lookup(const lookup&) = delete;
  lookup& operator=(const lookup&) = delete;
  ~lookup() {
    if (request.ar_result != nullptr) freeaddrinfo(request.ar_result);
  }
  [[nodiscard]] bool finished() { return gai_error(&request) != EAI_INPROGRESS; }
};

namespace {

// The longest single wait: a wake-up the C library misses costs at most this much.
constexpr std::chrono::milliseconds poll_interval{100};
constexpr std::chrono::milliseconds retry_pause{1};

timespec as_timespec(std::chrono::nanoseconds d) {
  const auto secs = std::chrono::duration_cast<std::chrono::seconds>(d);
  timespec ts{};
  ts.tv_sec = static_cast<time_t>(secs.count());
  ts.tv_nsec = static_cast<long>((d - secs).count());
  return ts;
}

resolution failure_of(int code) {
  resolution r;
  r.detail = gai_strerror(code);
  switch (code) {
    case EAI_NONAME:
#ifdef EAI_NODATA
    case EAI_NODATA:
#endif
#ifdef EAI_ADDRFAMILY
    case EAI_ADDRFAMILY:
#endif
      r.failure = resolution_failure::not_found;
      break;
    case EAI_SYSTEM:
      r.failure = resolution_failure::failed;
      r.detail = std::strerror(errno);  // NOLINT(concurrency-mt-unsafe): message text only
      break;
    default:
      r.failure = resolution_failure::failed;
  }
  return r;
}

}  // namespace

name_resolver::name_resolver() = default;

name_resolver::~name_resolver() {
  for (auto& l : abandoned_) {
    if (l->finished()) continue;
    if (gai_cancel(&l->request) == EAI_CANCELED) continue;
    // Still being answered: the C library will write into it later, so it must outlive us.
    (void)l.release();  // NOLINT(bugprone-unused-return-value): deliberately left allocated
  }
}

void name_resolver::release_finished() {
  std::erase_if(abandoned_, [](const std::unique_ptr<lookup>& l) { return l->finished(); });
}

resolution name_resolver::resolve(const std::string& host, const std::string& port,
                                  std::chrono::milliseconds limit) {
  release_finished();
  auto l = std::make_unique<lookup>(host, port);
  gaicb* list[1] = {&l->request};
  if (const int rc = getaddrinfo_a(GAI_NOWAIT, list, 1, nullptr); rc != 0) return failure_of(rc);

  // gai_suspend may return before the request's status is final (a wake-up for another
  // lookup, or its notification racing the status): the request's own status decides, and
  // only the deadline ends the wait.
  const auto deadline = std::chrono::steady_clock::now() + limit;
  int status = gai_error(&l->request);
  while (status == EAI_INPROGRESS) {
    const auto left = deadline - std::chrono::steady_clock::now();
    if (left <= std::chrono::nanoseconds::zero()) break;
    const timespec ts = as_timespec(std::min<std::chrono::nanoseconds>(left, poll_interval));
    const int rc = gai_suspend(list, 1, &ts);
    status = gai_error(&l->request);
    // Woken without an answer and without waiting: pause briefly rather than spin.
    if (status == EAI_INPROGRESS && rc != EAI_AGAIN) std::this_thread::sleep_for(retry_pause);
  }
  if (status == EAI_INPROGRESS) {
    if (gai_cancel(&l->request) != EAI_CANCELED) abandoned_.push_back(std::move(l));
    return resolution{resolution_failure::timeout, "no answer from the name resolver", {}};
  }
  if (status != 0) return failure_of(status);

  resolution r;
  for (const addrinfo* ai = l->request.ar_result; ai != nullptr; ai = ai->ai_next) {
    if (ai->ai_family != AF_INET && ai->ai_family != AF_INET6) continue;
    boost::asio::ip::tcp::endpoint ep;
    if (ai->ai_addrlen > ep.capacity()) continue;
    std::memcpy(ep.data(), ai->ai_addr, ai->ai_addrlen);
    ep.resize(ai->ai_addrlen);
    r.addresses.push_back(ep);
  }
  if (r.addresses.empty()) return resolution{resolution_failure::not_found, "no address", {}};
  return r;
}

}  // namespace fsm
