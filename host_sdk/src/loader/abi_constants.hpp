// The ABI's version macros as typed C++ constants (the C macros use C casts).
#ifndef INVHOST_LOADER_ABI_CONSTANTS_HPP
#define INVHOST_LOADER_ABI_CONSTANTS_HPP

#include <invsdk/adapter.h>

#include <cstddef>
#include <cstdint>

namespace invhost::detail {

inline constexpr uint32_t host_abi_version = (uint32_t{INVSDK_ABI_MAJOR} << 16U) | uint32_t{INVSDK_ABI_MINOR};
inline constexpr uint32_t abi_major_of(uint32_t version) noexcept { return version >> 16U; }
inline constexpr uint32_t required_table_size_1_0 =
    static_cast<uint32_t>(offsetof(invsdk_adapter, close) + sizeof(invsdk_adapter::close));

}  // namespace invhost::detail

#endif
