#define BOOST_TEST_MODULE abi_tests
#include <boost/test/included/unit_test.hpp>
