# Writes OUT, a C++ file holding every profiles/*.yaml as a string (see shipped_profiles.h).
# Run at build time with -DSOURCE_DIR=... -DOUT=...; raw string literals keep the YAML verbatim.
file(GLOB files "${SOURCE_DIR}/profiles/*.yaml")
list(SORT files)
set(body "")
foreach(file IN LISTS files)
  get_filename_component(stem "${file}" NAME_WE)
  file(READ "${file}" text)
  string(APPEND body "    {\"${stem}\", R\"hm_profile(${text})hm_profile\"},\n")
endforeach()
file(WRITE "${OUT}.tmp" "// Generated from profiles/*.yaml by src/abstract/embed_profiles.cmake. Do not edit.\n#include \"abstract/shipped_profiles.h\"\n\nnamespace hm::abstract {\nnamespace {\nconstexpr ShippedProfile kAll[] = {\n${body}    {\"\", \"\"}};\n}  // namespace\nconst std::span<const ShippedProfile> kShippedProfiles(kAll, std::size(kAll) - 1);\n}  // namespace hm::abstract\n")
file(COPY_FILE "${OUT}.tmp" "${OUT}" ONLY_IF_DIFFERENT)
