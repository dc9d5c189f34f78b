# invsdk_add_adapter(<target> MANIFEST <file.json> SOURCES <src>... [OUTPUT_DIRECTORY <dir>]
#                    [INSTALL_DESTINATION <dir> [INSTALL_COMPONENT <component>]])
#
# Builds an adapter library the way a host expects it:
#  - a MODULE library that exports only the entry point (version script, hidden visibility,
#    statically linked helpers kept private with --exclude-libs), so its dependencies can never
#    clash with the host's;
#  - its manifest embedded (invsdk::embedded_manifest()) so describe() returns the same document;
#  - the manifest copied next to the library, because the host reads it before loading anything;
#  - with INSTALL_DESTINATION, both installed side by side in that folder (for invhost itself:
#    <prefix>/lib/invhost/adapters, where an installed host looks).
# A cache entry, so the function sees it when called from any directory.
set(_INVSDK_ADAPTER_CMAKE_DIR "${CMAKE_CURRENT_LIST_DIR}" CACHE INTERNAL "Folder of InvsdkAdapter.cmake")

function(invsdk_add_adapter target)
  cmake_parse_arguments(ARG "" "MANIFEST;OUTPUT_DIRECTORY;INSTALL_DESTINATION;INSTALL_COMPONENT" "SOURCES" ${ARGN})
  if(NOT ARG_MANIFEST)
    message(FATAL_ERROR "invsdk_add_adapter(${target}): MANIFEST is required")
  endif()
  get_filename_component(manifest "${ARG_MANIFEST}" ABSOLUTE)
  if(NOT ARG_OUTPUT_DIRECTORY)
    set(ARG_OUTPUT_DIRECTORY "${CMAKE_CURRENT_BINARY_DIR}")
  endif()

  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${manifest}")
  file(READ "${manifest}" INVSDK_MANIFEST_TEXT)
  set(embedded "${CMAKE_CURRENT_BINARY_DIR}/${target}_manifest.cpp")
  configure_file("${_INVSDK_ADAPTER_CMAKE_DIR}/embedded_manifest.cpp.in" "${embedded}" @ONLY)

  add_library(${target} MODULE ${ARG_SOURCES} "${embedded}")
  target_link_libraries(${target} PRIVATE invsdk::sdk)
  set_target_properties(${target} PROPERTIES
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON
    PREFIX "lib"
    LIBRARY_OUTPUT_DIRECTORY "${ARG_OUTPUT_DIRECTORY}")
  target_link_options(${target} PRIVATE
    "LINKER:--version-script=${_INVSDK_ADAPTER_CMAKE_DIR}/adapter_exports.map"
    "LINKER:--exclude-libs,ALL"
    "LINKER:--no-undefined")
  set_property(TARGET ${target} APPEND PROPERTY LINK_DEPENDS "${_INVSDK_ADAPTER_CMAKE_DIR}/adapter_exports.map")

  get_filename_component(manifest_name "${manifest}" NAME)
  add_custom_command(TARGET ${target} POST_BUILD
    COMMAND ${CMAKE_COMMAND} -E copy_if_different "${manifest}" "${ARG_OUTPUT_DIRECTORY}/${manifest_name}"
    VERBATIM)

  if(ARG_INSTALL_DESTINATION)
    set(component "")
    if(ARG_INSTALL_COMPONENT)
      set(component COMPONENT "${ARG_INSTALL_COMPONENT}")
    endif()
    install(TARGETS ${target} LIBRARY DESTINATION "${ARG_INSTALL_DESTINATION}" ${component})
    install(FILES "${manifest}" DESTINATION "${ARG_INSTALL_DESTINATION}" ${component})
    # So a packaging step can build exactly what it installs.
    set_property(GLOBAL APPEND PROPERTY INVSDK_INSTALLED_ADAPTERS ${target})
  endif()
endfunction()
