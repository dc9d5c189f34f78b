// Emits a batch of owned records through the host's sink as the ABI's C structs. The C structs
// point into the owned records, which outlive the emit call.
#ifndef FSM_RECORD_VIEWS_HPP
#define FSM_RECORD_VIEWS_HPP

#include <fsm/records.hpp>
#include <invsdk/adapter_base.hpp>
#include <vector>

namespace fsm {

void emit_batch(invsdk::sink_writer& out, const std::vector<application_record>& batch);
void emit_batch(invsdk::sink_writer& out, const std::vector<license_record>& batch);
void emit_batch(invsdk::sink_writer& out, const std::vector<entitlement_record>& batch);
void emit_batch(invsdk::sink_writer& out, const std::vector<accessing_user_record>& batch);
void emit_batch(invsdk::sink_writer& out, const std::vector<consumption_record>& batch);

}  // namespace fsm

#endif  // FSM_RECORD_VIEWS_HPP
