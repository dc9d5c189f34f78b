// The SDK's C++ helper (read_sized, set_error, guarded...) for host code. adapter.h's version
// macros use C casts, which the helper's templates expand; they are the ABI's, not ours to change.
#ifndef INVHOST_SDK_HELPER_HPP
#define INVHOST_SDK_HELPER_HPP

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wold-style-cast"
#include <invsdk/adapter_base.hpp>
#pragma GCC diagnostic pop

#endif
