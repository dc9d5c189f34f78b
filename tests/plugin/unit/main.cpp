// Unit tests of the FSM connector's parts, one suite per part.
#define BOOST_TEST_MODULE fsm_plugin_unit_tests
#include <boost/test/included/unit_test.hpp>
