# The debounce user C module for CMake-built ports (rp2): core, binding, flag and sleep_until. The port
# glue (debounce_port.h) comes from the board: ports/rp2/debounce_glue.cmake.
add_library(usermod_debounce INTERFACE)

target_sources(usermod_debounce INTERFACE
    ${CMAKE_CURRENT_LIST_DIR}/debounce_core.c
    ${CMAKE_CURRENT_LIST_DIR}/debounce.c
    ${CMAKE_CURRENT_LIST_DIR}/debounce_flag.c
    ${CMAKE_CURRENT_LIST_DIR}/debounce_args.c
    ${CMAKE_CURRENT_LIST_DIR}/debounce_sleep.c
)

target_include_directories(usermod_debounce INTERFACE
    ${CMAKE_CURRENT_LIST_DIR}
)

target_link_libraries(usermod INTERFACE usermod_debounce)
