// ASCII case folding for protocol names (schemes, host names, publisher keys): only A-Z change,
// so a UTF-8 byte is never altered and the result does not depend on the locale.
#ifndef FSM_ASCII_TEXT_HPP
#define FSM_ASCII_TEXT_HPP

#include <string>
#include <string_view>

namespace fsm {

inline std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

}  // namespace fsm

#endif  // FSM_ASCII_TEXT_HPP
