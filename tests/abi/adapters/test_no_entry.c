/* A library without the entry point. */
int test_no_entry_placeholder(void);
int test_no_entry_placeholder(void) {
  return 42;
}
