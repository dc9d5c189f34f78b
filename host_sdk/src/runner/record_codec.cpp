// The runner's record codec. Texts: uint32 length + bytes; a text the sink would refuse is sent
// as uint32 0xFFFFFFFF + its uint64 size and arrives as {NULL, size}. Lists: uint32 count + texts,
// or the same marker + uint64 count. Integers: their own width.
#include "runner/record_codec.hpp"

#include <cstring>
#include <invhost/staging_sink.hpp>
#include <invsdk/adapter_base.hpp>
#include <invsdk/record_kinds.hpp>
#include <new>

#include "runner/protocol.hpp"

namespace invhost::runner {
namespace {

constexpr uint32_t refused_marker = 0xFFFFFFFFU;

struct field_encoder {
  wire_writer& out;

  // Every member as record_kinds.hpp lists it; the codec needs only its C type.
  template <typename Kind, typename Member>
  void operator()(std::string_view /*name*/, Kind /*kind*/, Member& m) const {
    (*this)(m);
  }
  void operator()(const invsdk_str& s) const {
    if (s.size > max_text_bytes || (s.size > 0 && s.data == nullptr)) {
      out.integer(refused_marker);
      out.integer(s.size);
      return;
    }
    out.text(invsdk::from_c(s));
  }
  template <typename Int>
  requires std::is_integral_v<Int>
  void operator()(const Int& v) const { out.integer(v); }
  void list(std::string_view /*name*/, const invsdk_str* const& items,
            const uint64_t& count) const {
    if (count > max_batch_records || (count > 0 && items == nullptr)) {
      out.integer(refused_marker);
      out.integer(count);
      return;
    }
    out.integer(static_cast<uint32_t>(count));
    for (uint64_t i = 0; i < count; ++i) (*this)(items[i]);
  }
};

// Lists are decoded into one vector that may still grow: each list records where it starts, and
// the pointers are set once the whole batch is read.
struct field_decoder {
  wire_reader& in;
  std::vector<invsdk_str>& lists;
  std::vector<std::pair<const invsdk_str**, std::size_t>>& list_starts;

  // Every member as record_kinds.hpp lists it; the codec needs only its C type.
  template <typename Kind, typename Member>
  void operator()(std::string_view /*name*/, Kind /*kind*/, Member& m) const {
    (*this)(m);
  }
  void operator()(invsdk_str& s) const {
    const auto n = in.integer<uint32_t>();
    if (n == refused_marker) {
      s = invsdk_str{nullptr, in.integer<uint64_t>()};
      return;
    }
    s = invsdk::to_c(in.bytes(n));
  }
  template <typename Int>
  requires std::is_integral_v<Int>
  void operator()(Int& v) const { v = in.integer<Int>(); }
  void list(std::string_view /*name*/, const invsdk_str*& items, uint64_t& count) const {
    const auto n = in.integer<uint32_t>();
    if (n == refused_marker) {
      items = nullptr;
      count = in.integer<uint64_t>();
      return;
    }
    if (n > max_batch_records) throw protocol_error("a list longer than the sink accepts");
    list_starts.emplace_back(&items, lists.size());
    count = n;
    for (uint32_t i = 0; i < n; ++i) {
      invsdk_str s{};
      (*this)(s);
      lists.push_back(s);
    }
  }
};

}  // namespace

void encode_text(wire_writer& out, invsdk_str s) {
  field_encoder{out}(s);
}

invsdk_str decode_text(wire_reader& in) {
  std::vector<invsdk_str> no_lists;
  std::vector<std::pair<const invsdk_str**, std::size_t>> no_starts;
  invsdk_str s{};
  field_decoder{in, no_lists, no_starts}(s);
  return s;
}

namespace {

template <typename Record>
Record read_record(const unsigned char* p, uint32_t record_size) {
  uint32_t declared = 0;
  std::memcpy(&declared, p, sizeof declared);
  // The stride is record_size; a record claiming less than that is read only as far as it claims.
  const uint32_t usable = declared != 0 && declared < record_size ? declared : record_size;
  return invsdk::read_sized<Record>(p, usable);
}

}  // namespace

void encode_batch(wire_writer& out, invsdk_stream_kind kind, const void* records, uint64_t count,
                  uint32_t record_size) {
  const auto* bytes = static_cast<const unsigned char*>(records);
  invsdk::with_record_type(kind, [&](auto tag) {
    using record = decltype(tag);
    const field_encoder enc{out};
    for (uint64_t i = 0; i < count; ++i) {
      const record r = read_record<record>(bytes + i * record_size, record_size);
      invsdk::visit_fields(r, enc);
    }
  });
}

void decoded_batch::decode(wire_reader& in, invsdk_stream_kind kind, uint64_t count) {
  // The child encodes only batches the sink could take; anything else is not the protocol (and
  // must not make the host allocate what a count claims).
  if (kind < 1 || kind > INVSDK_STREAM_KIND_COUNT || count > max_batch_records)
    throw protocol_error("an encoded batch of an unknown kind or beyond the batch limit");
  lists_.clear();
  std::vector<std::pair<const invsdk_str**, std::size_t>> list_starts;
  invsdk::with_record_type(kind, [&](auto tag) {
    using record = decltype(tag);
    static_assert(alignof(record) <= alignof(std::max_align_t));
    // operator new's storage is aligned for any record; the vector's bytes come from it.
    records_.resize(count * sizeof(record));
    auto* out = reinterpret_cast<record*>(
        records_.data());  // NOLINT(cppcoreguidelines-pro-type-reinterpret-cast)
    field_decoder dec{in, lists_, list_starts};
    for (uint64_t i = 0; i < count; ++i) {
      // Decoded in place: a list's slot must point at the record's final home.
      record* r = new (out + i) record(invsdk::make_record<record>());
      invsdk::visit_fields(*r, dec);
    }
    record_size_ = static_cast<uint32_t>(sizeof(record));
  });
  for (const auto& [slot, start] : list_starts) *slot = lists_.data() + start;
  count_ = count;
}

}  // namespace invhost::runner
