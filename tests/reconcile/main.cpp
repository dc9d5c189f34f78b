#define BOOST_TEST_MODULE reconcile
#include <boost/test/unit_test.hpp>
