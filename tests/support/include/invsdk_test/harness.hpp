// Everything a test needs to drive an adapter library through the C ABI as a host would.
//  - loaded_adapter.hpp : load_adapter / negotiate (Boost.DLL), open / check / import / cancel
//  - recording_sink.hpp : a sink keeping deep copies of every record and the stream protocol
//  - recording_host.hpp : host services keeping logs and progress, with a cancel flag
//  - config_of.hpp      : settings as an invsdk_config that stays valid
//  - call_result.hpp    : status + message + http status, errors released exactly once
//  - records.hpp        : printers for the SDK owned records a recording keeps, stream names
#ifndef INVSDK_TEST_HARNESS_HPP
#define INVSDK_TEST_HARNESS_HPP

#include <invsdk_test/call_result.hpp>
#include <invsdk_test/config_of.hpp>
#include <invsdk_test/loaded_adapter.hpp>
#include <invsdk_test/recording_host.hpp>
#include <invsdk_test/recording_sink.hpp>
#include <invsdk_test/records.hpp>

#endif  // INVSDK_TEST_HARNESS_HPP
