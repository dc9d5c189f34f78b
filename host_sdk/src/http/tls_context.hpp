// The server's TLS context from PEM files: TLS 1.2 and later only.
#ifndef INVHOST_HTTP_TLS_CONTEXT_HPP
#define INVHOST_HTTP_TLS_CONTEXT_HPP

#include <boost/asio/ssl/context.hpp>
#include <invhost/http/server.hpp>

namespace invhost::http::detail {

// Throws server_error naming the file that cannot be read or used, or saying that the key does
// not belong to the certificate.
boost::asio::ssl::context make_tls_context(const tls_files& files);

}  // namespace invhost::http::detail

#endif
