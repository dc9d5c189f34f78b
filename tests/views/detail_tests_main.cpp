#define BOOST_TEST_MODULE views_detail
#include <boost/test/unit_test.hpp>
