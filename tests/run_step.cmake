# run(COMMAND...): runs a command, fails the test with its output when it fails, and leaves its
# standard output in `last_out`. Shared by the ctest scripts.
function(run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "failed (${rc}): ${ARGN}\n${out}\n${err}")
  endif()
  message(STATUS "${out}")
  set(last_out "${out}" PARENT_SCOPE)
endfunction()
