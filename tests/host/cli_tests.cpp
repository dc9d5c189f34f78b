#define BOOST_TEST_MODULE cli_tests
#include <boost/test/included/unit_test.hpp>
