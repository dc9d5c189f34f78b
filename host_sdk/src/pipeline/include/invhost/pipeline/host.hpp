// What every pipeline call works on: the host's database, configuration, manifests and home.
#ifndef INVHOST_PIPELINE_HOST_HPP
#define INVHOST_PIPELINE_HOST_HPP

#include <filesystem>
#include <invhost/host_config.hpp>
#include <invhost/inventory/people.hpp>
#include <invhost/manifest.hpp>
#include <invhost/store.hpp>

namespace invhost::pipeline {

struct host {
  store& db;
  const host_config& config;
  const manifest_catalog& catalog;
  std::filesystem::path home;
};

// The host settings that shape people, as the inventory reads them: one translation for every
// caller that counts licenses or lists people.
inline inventory::people_rules people_rules_of(const host_config& config) {
  return {config.people_strip_plus_addressing, config.exclude_accounts};
}

}  // namespace invhost::pipeline

#endif
