# Writes OUT, a C++ file holding every measures/*.yaml as a string (see shipped_measures.h).
# Run at build time with -DSOURCE_DIR=... -DOUT=...; raw string literals keep the YAML verbatim.
file(GLOB files "${SOURCE_DIR}/measures/*.yaml")
list(SORT files)
set(body "")
foreach(file IN LISTS files)
  get_filename_component(stem "${file}" NAME_WE)
  string(TOUPPER "${stem}" id)
  file(READ "${file}" text)
  string(APPEND body "    {\"${id}\", R\"hm_measure(${text})hm_measure\"},\n")
endforeach()
file(WRITE "${OUT}.tmp" "// Generated from measures/*.yaml by src/measure/embed_measures.cmake. Do not edit.\n#include \"measure/shipped_measures.h\"\n\nnamespace hm::measure {\nnamespace {\nconstexpr ShippedMeasure kAll[] = {\n${body}    {\"\", \"\"}};\n}  // namespace\nconst std::span<const ShippedMeasure> kShippedMeasures(kAll, std::size(kAll) - 1);\n}  // namespace hm::measure\n")
file(COPY_FILE "${OUT}.tmp" "${OUT}" ONLY_IF_DIFFERENT)
