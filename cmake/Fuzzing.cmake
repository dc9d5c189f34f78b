# libFuzzer targets. The fuzz preset builds the whole project with -fsanitize=fuzzer-no-link (the
# coverage hooks libFuzzer steers by) plus ASan and UBSan; only the fuzz targets themselves link
# libFuzzer's main, with -fsanitize=fuzzer.
#
# invhost_add_fuzzer(<name> SOURCES <files...> LIBRARIES <targets...>)
#   <name>: also the folder of its seed corpus, tests/fuzz/<name>/.
# Every fuzzer joins the custom target `fuzzers`, and its name is listed in
# <build>/fuzzers.txt so scripts/fuzz.sh runs exactly the targets that were built.
function(invhost_add_fuzzer name)
  cmake_parse_arguments(FUZZ "" "" "SOURCES;LIBRARIES" ${ARGN})
  add_executable(${name} ${FUZZ_SOURCES})
  target_link_libraries(${name} PRIVATE ${FUZZ_LIBRARIES})
  target_link_options(${name} PRIVATE -fsanitize=fuzzer)
  invhost_set_warnings(${name})
  set_target_properties(${name} PROPERTIES RUNTIME_OUTPUT_DIRECTORY "${CMAKE_BINARY_DIR}/fuzzers")
  if(NOT TARGET fuzzers)
    add_custom_target(fuzzers)
  endif()
  add_dependencies(fuzzers ${name})
  set_property(GLOBAL APPEND PROPERTY INVHOST_FUZZER_NAMES ${name})
endfunction()

# Writes <build>/fuzzers.txt: one fuzzer name a line. Call once, after every invhost_add_fuzzer.
function(invhost_write_fuzzer_list)
  get_property(names GLOBAL PROPERTY INVHOST_FUZZER_NAMES)
  list(JOIN names "\n" text)
  file(WRITE "${CMAKE_BINARY_DIR}/fuzzers.txt" "${text}\n")
endfunction()
