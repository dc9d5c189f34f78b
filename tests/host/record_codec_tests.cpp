// The runner's codec: every member of every record kind survives the trip from child to host,
// and texts the sink would refuse arrive as their size alone, unread.
#include <boost/test/unit_test.hpp>
#include <invhost/staging_sink.hpp>
#include <invsdk/owned_records.hpp>
#include <vector>

#include "runner/protocol.hpp"
#include "runner/record_codec.hpp"

using namespace invhost;
using namespace invhost::runner;

namespace {

// Encodes owned records as the child does, decodes them as the host does, and owns them again.
template <typename Owned>
std::vector<Owned> round_trip(invsdk_stream_kind kind, const std::vector<Owned>& in) {
  using record = decltype(in.front().view());
  std::vector<record> views;
  for (const auto& r : in) views.push_back(r.view());
  std::string bytes;
  wire_writer w(bytes);
  encode_batch(w, kind, views.data(), views.size(), sizeof(record));
  wire_reader r(bytes);
  decoded_batch batch;
  batch.decode(r, kind, views.size());
  BOOST_TEST(r.at_end());
  BOOST_TEST(batch.record_size() == sizeof(record));
  std::vector<Owned> out;
  const auto* decoded = static_cast<const record*>(batch.records());
  for (uint64_t i = 0; i < batch.count(); ++i) out.push_back(invsdk::from_c(decoded[i]));
  return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(record_codec)

BOOST_AUTO_TEST_CASE(every_member_of_every_kind_arrives) {
  invsdk::owned_application app{"app-1", "Slack", "Slack Business+", "Salesforce",
                                45,      true,    "https://x/app-1"};
  invsdk::owned_application empty_app;
  empty_app.external_id = "app-2";
  empty_app.is_active = false;
  const std::vector<invsdk::owned_application> apps{app, empty_app};
  BOOST_TEST((round_trip(INVSDK_STREAM_APPLICATIONS, apps) == apps));

  invsdk::owned_license lic;
  lic.external_id = "lic-1";
  lic.name = "Zoom";
  lic.type = INVSDK_LICENSE_TYPE_NAMED_USER;
  lic.application_ids = {"app-1", "app-2", "app-3"};
  lic.currency = "KWD";
  lic.created_at = "2024-01-01T00:00:00Z";
  lic.modified_at = "2024-02-01T00:00:00Z";
  lic.notes = "n\xC3\xA9";
  lic.source_url = "https://x/lic-1";
  invsdk::owned_license no_apps;
  no_apps.external_id = "lic-2";
  const std::vector<invsdk::owned_license> lics{lic, no_apps, lic};
  BOOST_TEST((round_trip(INVSDK_STREAM_LICENSES, lics) == lics));

  invsdk::owned_entitlement ent;
  ent.external_id = "t-1";
  ent.license_external_id = "lic-1";
  ent.position = 7;
  ent.name = "Term";
  ent.sku = "SKU-9";
  ent.term_type = INVSDK_TERM_TYPE_PER_NODE;
  ent.items_allowed = 9'007'199'254'740'993;
  ent.is_unlimited = false;
  ent.is_active = true;
  ent.hidden = false;
  ent.effective_at = "2024-01-01";
  ent.ends_at = "2025-01-01";
  ent.annual_cost = "1200.50";
  ent.per_user_cost = "12.005";
  ent.currency = "JPY";
  const std::vector<invsdk::owned_entitlement> ents{ent};
  BOOST_TEST((round_trip(INVSDK_STREAM_ENTITLEMENTS, ents) == ents));

  const std::vector<invsdk::owned_accessing_user> users{
      {"ann@example.com", "Ann@Example.com", "Ann", "Lee", "alee", "example.com"}};
  BOOST_TEST((round_trip(INVSDK_STREAM_ACCESSING_USERS, users) == users));

  const std::vector<invsdk::owned_consumption> uses{{"au-1", "lic-1", "app-1", "ann@example.com",
                                                     "2024-01-01T00:00:00Z", "",
                                                     "2024-03-01T00:00:00Z"}};
  BOOST_TEST((round_trip(INVSDK_STREAM_CONSUMPTION, uses) == uses));
}

BOOST_AUTO_TEST_CASE(texts_the_sink_refuses_arrive_as_their_size_unread) {
  auto rec = invsdk::make_record<invsdk_application>();
  rec.external_id = invsdk_str{nullptr, 5};  // a size but no data
  const std::string big(max_text_bytes + 1, 'x');
  rec.name = invsdk::to_c(big);
  std::string bytes;
  wire_writer w(bytes);
  encode_batch(w, INVSDK_STREAM_APPLICATIONS, &rec, 1, sizeof rec);
  BOOST_TEST(bytes.size() < 1024U);  // the big text was not copied
  wire_reader r(bytes);
  decoded_batch batch;
  batch.decode(r, INVSDK_STREAM_APPLICATIONS, 1);
  const auto* out = static_cast<const invsdk_application*>(batch.records());
  BOOST_TEST(out->external_id.data == nullptr);
  BOOST_TEST(out->external_id.size == 5U);
  BOOST_TEST(out->name.data == nullptr);
  BOOST_TEST(out->name.size == max_text_bytes + 1);
}

BOOST_AUTO_TEST_CASE(a_batch_beyond_the_limit_is_not_the_protocol) {
  std::string bytes;
  wire_reader r(bytes);
  decoded_batch batch;
  BOOST_CHECK_THROW(batch.decode(r, INVSDK_STREAM_LICENSES, max_batch_records + 1), protocol_error);
  BOOST_CHECK_THROW(batch.decode(r, 99, 1), protocol_error);
  BOOST_CHECK_THROW(batch.decode(r, INVSDK_STREAM_LICENSES, 1), protocol_error);  // no bytes for it
}

BOOST_AUTO_TEST_SUITE_END()
