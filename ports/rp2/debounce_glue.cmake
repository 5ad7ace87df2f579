# tapblink's rp2 glue for the debounce C module (debounce_port.h): included by every tapblink
# rp2 board's mpconfigboard.cmake. The module itself (usercmodules/debounce) names no port.
list(APPEND MICROPY_SOURCE_BOARD ${CMAKE_CURRENT_LIST_DIR}/debounce_port_rp2.c)
# debounce.sleep_until's wake-up alarms (debounce_port.h): their own file.
list(APPEND MICROPY_SOURCE_BOARD ${CMAKE_CURRENT_LIST_DIR}/debounce_alarm_rp2.c)
