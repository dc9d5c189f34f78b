// Plain C++ copies of the ABI records (the SDK's owned records): what a test compares after an
// import. Text is std::string (empty = absent), tristates are std::optional<bool> (nullopt =
// unknown); invsdk::from_c() makes them.
#ifndef INVSDK_TEST_RECORDS_HPP
#define INVSDK_TEST_RECORDS_HPP

#include <invsdk/adapter.h>

#include <invsdk/owned_records.hpp>
#include <ostream>
#include <string>

namespace invsdk_test {

// "applications", "licenses", ... ; "kind(<n>)" for anything else.
std::string stream_name(invsdk_stream_kind kind);

}  // namespace invsdk_test

// Readable one-line forms, so BOOST_TEST can print records that differ. Declared in the records'
// own namespace, where BOOST_TEST's argument-dependent lookup looks for them.
namespace invsdk {

std::ostream& operator<<(std::ostream& os, const owned_application& r);
std::ostream& operator<<(std::ostream& os, const owned_license& r);
std::ostream& operator<<(std::ostream& os, const owned_entitlement& r);
std::ostream& operator<<(std::ostream& os, const owned_accessing_user& r);
std::ostream& operator<<(std::ostream& os, const owned_consumption& r);

}  // namespace invsdk

#endif  // INVSDK_TEST_RECORDS_HPP
