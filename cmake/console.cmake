# The web console: with KEYGATE_CONSOLE on, `npm ci` (only when console/node_modules is missing or
# package-lock.json changed) and `npm run build` (only when a source of the front end changed),
# then a generated source that embeds console/dist as its manifest lists it. Off: an empty table,
# and no Node.js needed.
set(KEYGATE_CONSOLE_SOURCE ${CMAKE_BINARY_DIR}/generated/console_files.cpp)
set(console_dir ${CMAKE_SOURCE_DIR}/console)

if(KEYGATE_CONSOLE)
  find_program(KEYGATE_NODE node)
  find_program(KEYGATE_NPM npm)
  if(NOT KEYGATE_NODE OR NOT KEYGATE_NPM)
    message(FATAL_ERROR "KEYGATE_CONSOLE needs node and npm (scripts/install-deps.sh installs "
                        "them), or configure with -DKEYGATE_CONSOLE=OFF")
  endif()
  execute_process(COMMAND ${KEYGATE_NODE} --version OUTPUT_VARIABLE node_version
                  OUTPUT_STRIP_TRAILING_WHITESPACE)
  string(REGEX REPLACE "^v" "" node_version "${node_version}")
  if(node_version VERSION_LESS 18.19)
    message(FATAL_ERROR "the console needs Node.js 18.19 or newer; found ${node_version}")
  endif()

  # npm writes node_modules/.package-lock.json on every install: it stands for "installed from
  # this lock file".
  set(installed ${console_dir}/node_modules/.package-lock.json)
  add_custom_command(
    OUTPUT ${installed}
    COMMAND ${KEYGATE_NPM} ci --no-audit --no-fund --loglevel=error
    COMMAND ${CMAKE_COMMAND} -E touch ${installed}
    WORKING_DIRECTORY ${console_dir}
    DEPENDS ${console_dir}/package-lock.json ${console_dir}/package.json
    COMMENT "Installing the console's packages (npm ci)"
    VERBATIM)

  file(GLOB_RECURSE console_sources CONFIGURE_DEPENDS ${console_dir}/src/*)
  list(FILTER console_sources EXCLUDE REGEX "\\.test\\.tsx?$")
  set(manifest ${console_dir}/dist/manifest.json)
  add_custom_command(
    OUTPUT ${manifest}
    COMMAND ${KEYGATE_NPM} run build --silent
    WORKING_DIRECTORY ${console_dir}
    DEPENDS ${installed} ${console_sources} ${console_dir}/index.html
            ${console_dir}/vite.config.ts ${console_dir}/tsconfig.json
            ${console_dir}/scripts/compress.mjs
    COMMENT "Building the console (npm run build)"
    VERBATIM)

  add_custom_command(
    OUTPUT ${KEYGATE_CONSOLE_SOURCE}
    COMMAND ${CMAKE_COMMAND} -DDIST=${console_dir}/dist -DOUTPUT=${KEYGATE_CONSOLE_SOURCE}
            -P ${CMAKE_SOURCE_DIR}/cmake/embed_console.cmake
    DEPENDS ${manifest} ${CMAKE_SOURCE_DIR}/cmake/embed_console.cmake
    COMMENT "Embedding console/dist"
    VERBATIM)
  # The object holds the files' bytes: it is rebuilt whenever the build rewrote them.
  set_source_files_properties(${KEYGATE_CONSOLE_SOURCE} PROPERTIES OBJECT_DEPENDS ${manifest})
else()
  add_custom_command(
    OUTPUT ${KEYGATE_CONSOLE_SOURCE}
    COMMAND ${CMAKE_COMMAND} -DOUTPUT=${KEYGATE_CONSOLE_SOURCE}
            -P ${CMAKE_SOURCE_DIR}/cmake/embed_console.cmake
    DEPENDS ${CMAKE_SOURCE_DIR}/cmake/embed_console.cmake
    COMMENT "Writing an empty console table (KEYGATE_CONSOLE=OFF)"
    VERBATIM)
endif()

target_sources(keygate_console PRIVATE ${KEYGATE_CONSOLE_SOURCE})
# Its own object: the assembly and the table stay out of unity batches and the shared PCH.
set_source_files_properties(${KEYGATE_CONSOLE_SOURCE} PROPERTIES SKIP_PRECOMPILE_HEADERS ON
                                                               SKIP_UNITY_BUILD_INCLUSION ON)
