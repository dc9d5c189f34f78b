#define BOOST_TEST_MODULE http_server_tests
#include <boost/test/unit_test.hpp>
