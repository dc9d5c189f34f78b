#define BOOST_TEST_MODULE host_tests
#include <boost/test/included/unit_test.hpp>
