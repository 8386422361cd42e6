# Writes OUT, a C++ file holding every file of GLOB as a string in a constexpr table: the measures
# (measures/*.yaml) and the timeline profiles (profiles/*.yaml) are built into the library this
# way. Run at build time by hm_embed_files() (CMakeLists.txt); raw string literals keep the text
# verbatim.
#   -DGLOB=...      the files, e.g. /src/measures/*.yaml (sorted by name)
#   -DOUT=...       the .cc to write (rewritten only when it changes)
#   -DHEADER=...    the header declaring TYPE and the span ARRAY, e.g. measure/shipped_measures.h
#   -DNAMESPACE=... -DTYPE=... -DARRAY=...   e.g. hm::measure, ShippedMeasure, kShippedMeasures
#   -DUPPER=ON      ids are the file stems in upper case (PSA), else as named (oncology)
#   -DDELIM=...     the raw-string delimiter, a word no embedded file contains
file(GLOB files "${GLOB}")
list(SORT files)
set(body "")
foreach(file IN LISTS files)
  get_filename_component(id "${file}" NAME_WE)
  if(UPPER)
    string(TOUPPER "${id}" id)
  endif()
  file(READ "${file}" text)
  string(APPEND body "    {\"${id}\", R\"${DELIM}(${text})${DELIM}\"},\n")
endforeach()
file(WRITE "${OUT}.tmp" "// Generated from ${GLOB} by cmake/embed_files.cmake. Do not edit.\n#include \"${HEADER}\"\n\nnamespace ${NAMESPACE} {\nnamespace {\nconstexpr ${TYPE} kAll[] = {\n${body}    {\"\", \"\"}};\n}  // namespace\nconst std::span<const ${TYPE}> ${ARRAY}(kAll, std::size(kAll) - 1);\n}  // namespace ${NAMESPACE}\n")
file(COPY_FILE "${OUT}.tmp" "${OUT}" ONLY_IF_DIFFERENT)
