# Warnings every target of this project builds with. CI turns them into errors.
function(invhost_set_warnings target)
  target_compile_options(${target} PRIVATE
    -Wall -Wextra -Wpedantic
    -Wshadow              # a local hiding a member or outer variable is usually a bug
    -Wnon-virtual-dtor    # deleting through a base pointer must run the derived destructor
    -Wold-style-cast      # C casts hide what they do; the ABI boundary uses reinterpret_cast on purpose
    -Wcast-align
    -Woverloaded-virtual
    -Wconversion -Wsign-conversion  # record counts and sizes cross the ABI as fixed-width integers
    -Wdouble-promotion    # money must never pass through float
    -Wformat=2
    -Wimplicit-fallthrough
  )
  # -Wnull-dereference is left out: it only acts at -O2 and up, where GCC reports paths inside
  # Boost.Asio's own headers that cannot be taken.
  # GCC 12 at -O2/-O3 reports std::string concatenation as an overlapping memcpy (GCC bug
  # 105329, fixed in 13): a false positive in libstdc++ itself, not in our code.
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
    target_compile_options(${target} PRIVATE -Wno-restrict)
  endif()
  # In a unity batch the files share one anonymous namespace, so GCC reports a fixture or type
  # from one file's anonymous namespace used by a class there as if it crossed translation
  # units (-Wsubobject-linkage); built file by file, the same code draws no warning.
  if(CMAKE_UNITY_BUILD AND CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    target_compile_options(${target} PRIVATE -Wno-subobject-linkage)
  endif()
  if(INVHOST_WARNINGS_AS_ERRORS)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
