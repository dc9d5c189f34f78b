#define BOOST_TEST_MODULE file_adapter_tests
#include <boost/test/unit_test.hpp>
