#define BOOST_TEST_MODULE fsm_simulator
#include <boost/test/unit_test.hpp>
