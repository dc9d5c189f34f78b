// The connector's records as owned C++ values, one type per stream: the SDK's owned records under
// the names the connector's mapping code uses.
#ifndef FSM_RECORDS_HPP
#define FSM_RECORDS_HPP

#include <invsdk/owned_records.hpp>

namespace fsm {

using application_record = invsdk::owned_application;
using license_record = invsdk::owned_license;
using entitlement_record = invsdk::owned_entitlement;
using accessing_user_record = invsdk::owned_accessing_user;
using consumption_record = invsdk::owned_consumption;

}  // namespace fsm

#endif  // FSM_RECORDS_HPP
