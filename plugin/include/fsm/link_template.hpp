// Links back to FSM built from templates with {placeholder}s.
#ifndef FSM_LINK_TEMPLATE_HPP
#define FSM_LINK_TEMPLATE_HPP

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

namespace fsm {

using placeholder_value = std::pair<std::string_view, std::string_view>;

// Checks that every {name} in tmpl is one of allowed and braces are balanced. Throws
// invsdk::error(INVALID_CONFIG) naming `setting` otherwise. An empty template is valid (no link).
void check_link_template(std::string_view tmpl, std::string_view setting,
                         std::initializer_list<std::string_view> allowed);

// Replaces each {name} with its value, percent-encoding characters that are not URL-safe in the
// value. Placeholders without a value are left as they are.
std::string expand_link(std::string_view tmpl, std::initializer_list<placeholder_value> values);

}  // namespace fsm

#endif  // FSM_LINK_TEMPLATE_HPP
