#define BOOST_TEST_MODULE views
#include <boost/test/unit_test.hpp>
