# Compiles the first ```cpp block of a document as written, so the example cannot drift from the
# SDK. Usage: cmake -DDOC=file.md -DCXX=compiler -DINCLUDE=dir -DWORK=dir -P compile_example.cmake
file(READ "${DOC}" text)
string(FIND "${text}" "```cpp\n" start)
if(start EQUAL -1)
  message(FATAL_ERROR "${DOC} has no ```cpp block")
endif()
math(EXPR start "${start} + 7")
string(SUBSTRING "${text}" ${start} -1 rest)
string(FIND "${rest}" "```" end)
string(SUBSTRING "${rest}" 0 ${end} example)
file(MAKE_DIRECTORY "${WORK}")
file(WRITE "${WORK}/doc_example.cpp" "${example}")
execute_process(
  COMMAND "${CXX}" -std=c++20 -Wall -Wextra -Werror -fsyntax-only -I "${INCLUDE}"
          "${WORK}/doc_example.cpp"
  RESULT_VARIABLE result OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "the example of ${DOC} does not compile:\n${out}${err}")
endif()
message(STATUS "the example of ${DOC} compiles")
