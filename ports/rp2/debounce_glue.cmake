# tapblink's rp2 glue for the debounce C module (debounce_port.h): included by every tapblink
# rp2 board's mpconfigboard.cmake. The module itself (usercmodules/debounce) names no port.
list(APPEND MICROPY_SOURCE_BOARD ${CMAKE_CURRENT_LIST_DIR}/debounce_port_rp2.c)
# The alarms of windows and debounce.sleep_until (debounce_port.h, "One alarm"): their own file.
list(APPEND MICROPY_SOURCE_BOARD ${CMAKE_CURRENT_LIST_DIR}/debounce_alarm_rp2.c)
# bank0_irq() takes machine_pin.c's GPIO interrupt handler over where it is added and removed
# (debounce_port_rp2.c, "Edges"): deferred to the end of the port's CMakeLists, where the
# firmware target exists.
# (tapblink's own CMakeLists.txt reads the board files too, with no firmware target.)
if(MICROPY_TARGET)
    cmake_language(DEFER CALL target_link_options ${MICROPY_TARGET} PRIVATE
        "LINKER:--wrap=irq_add_shared_handler" "LINKER:--wrap=irq_remove_handler")
endif()
