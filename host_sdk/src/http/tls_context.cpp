#include "tls_context.hpp"

#include <openssl/err.h>
#include <openssl/ssl.h>

#include <fstream>

namespace invhost::http::detail {
namespace ssl = boost::asio::ssl;

namespace {

void require_readable(const std::filesystem::path& file, std::string_view what) {
  std::ifstream in(file);
  if (!in) throw server_error(std::string(what) + " file cannot be read: " + file.string());
}

// OpenSSL's reason, without the library's internal codes.
std::string reason(const boost::system::error_code& ec) {
  const auto text = ec.message();
  return text.empty() ? "unknown error" : text;
}

}  // namespace

ssl::context make_tls_context(const tls_files& files) {
  require_readable(files.certificate, "TLS certificate");
  require_readable(files.private_key, "TLS private key");
  ssl::context ctx(ssl::context::tls_server);
  ctx.set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 |
                  ssl::context::no_sslv3 | ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1 |
                  ssl::context::single_dh_use);
  SSL_CTX_set_min_proto_version(ctx.native_handle(), TLS1_2_VERSION);
  boost::system::error_code ec;
  ctx.use_certificate_chain_file(files.certificate.string(), ec);
  if (ec)
    throw server_error("TLS certificate file " + files.certificate.string() +
                       " holds no usable PEM certificate: " + reason(ec));
  ctx.use_private_key_file(files.private_key.string(), ssl::context::pem, ec);
  if (ec)
    throw server_error("TLS private key file " + files.private_key.string() +
                       " holds no usable PEM key: " + reason(ec));
  if (SSL_CTX_check_private_key(ctx.native_handle()) != 1) {
    ERR_clear_error();
    throw server_error("TLS private key " + files.private_key.string() +
                       " does not match the certificate " + files.certificate.string());
  }
  return ctx;
}

}  // namespace invhost::http::detail
