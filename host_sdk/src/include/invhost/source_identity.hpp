// One connection per source: two connections of the same adapter to the same source (the same
// FSM organisation on the same API host) would import every license twice and double every
// total. The adapter's manifest says which settings identify its source (source_identity).
#ifndef INVHOST_SOURCE_IDENTITY_HPP
#define INVHOST_SOURCE_IDENTITY_HPP

#include <invhost/host_config.hpp>
#include <invhost/manifest.hpp>
#include <optional>
#include <string>

namespace invhost {

// "org_id=4242, region=eu": per part of the manifest's source_identity, the first setting with a
// value (given, or the manifest's default), normalised so that spellings of one value compare
// equal (integers as numbers, URLs and texts trimmed and lower-cased, a URL without its trailing
// '/'). nullopt when the manifest declares no identity.
std::optional<std::string> source_identity(const connector_entry& connection, const manifest& m);

// The first connection before `connection` in the list, enabled and of the same adapter, that
// identifies the same source; nullptr when there is none or the adapter is not installed.
const connector_entry* same_source_as(const host_config& config, const manifest_catalog& catalog,
                                      const connector_entry& connection);

// Why `connection` may not import: "connector 'b' imports the same source as 'a' (...)". Empty
// when it may.
std::string same_source_problem(const host_config& config, const manifest_catalog& catalog,
                                const connector_entry& connection);

}  // namespace invhost

#endif
