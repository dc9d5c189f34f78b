// End-to-end tests of the FSM connector: the built adapter library, loaded through the test
// harness, imports from the FSM simulator over HTTPS with a throwaway CA.
#define BOOST_TEST_MODULE fsm_plugin_e2e_tests
#include <boost/test/included/unit_test.hpp>
