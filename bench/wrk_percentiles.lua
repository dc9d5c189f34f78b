-- wrk reports p50/p75/p90/p99 with --latency; the console's targets are stated at p95, so print
-- the percentiles asked for as one JSON line (latencies in milliseconds), plus the answers that
-- were not 200 (a session that stopped working must not pass for a fast page).
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  non_200 = 0
end

function response(status, headers, body)
  if status ~= 200 then non_200 = non_200 + 1 end
end

function done(summary, latency, requests)
  local bad = 0
  for _, t in ipairs(threads) do bad = bad + t:get("non_200") end
  local e = summary.errors
  io.write(string.format(
    'WRK_JSON {"requests": %d, "duration_s": %.3f, "p50_ms": %.2f, "p95_ms": %.2f, ' ..
    '"p99_ms": %.2f, "max_ms": %.2f, "non_200": %d, "socket_errors": %d}\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1e3,
    latency:percentile(95) / 1e3, latency:percentile(99) / 1e3, latency.max / 1e3, bad,
    e.connect + e.read + e.write + e.timeout))
end
