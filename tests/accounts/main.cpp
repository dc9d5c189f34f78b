#define BOOST_TEST_MODULE accounts_tests
#include <boost/test/unit_test.hpp>
