// C record views over checked rows. A view points into its row's strings: build views only once
// the batch of rows no longer moves, and emit them before the rows change.
#ifndef FILE_IMPORT_RECORD_VIEWS_HPP
#define FILE_IMPORT_RECORD_VIEWS_HPP

#include <invsdk/adapter.h>

#include <vector>

#include "row_source.hpp"

namespace file_import {

invsdk_application application_view(const row& r);
// ids receives the application id views; it must outlive the returned record.
invsdk_license license_view(const row& r, std::vector<invsdk_str>& ids);
invsdk_entitlement entitlement_view(const row& r);
invsdk_accessing_user accessing_user_view(const row& r);
invsdk_consumption consumption_view(const row& r);

}  // namespace file_import

#endif  // FILE_IMPORT_RECORD_VIEWS_HPP
