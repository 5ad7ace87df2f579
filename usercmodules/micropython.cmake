# The list of tapblink's C user modules, passed to MicroPython as USER_C_MODULES.
include(${CMAKE_CURRENT_LIST_DIR}/debounce/micropython.cmake)
