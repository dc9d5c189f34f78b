# invhost_embed_bytes(<out_var> <file>): the file's bytes as a C array initialiser ("0x2d,0x2d,...").
# Hex rather than a raw string literal so any content (quotes, delimiters, NULs) embeds safely.
function(invhost_embed_bytes out_var file)
  file(READ "${file}" hex HEX)
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
  set(${out_var} "${bytes}" PARENT_SCOPE)
endfunction()
