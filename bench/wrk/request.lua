-- wrk script for bench/load.py: one request (method, body file, content type) and a JSON summary.
-- Usage: wrk -s bench/wrk/request.lua URL -- METHOD BODY_FILE CONTENT_TYPE
-- BODY_FILE may be "-" for no body. Prints one line, "JSON {...}", with the latency
-- percentiles (µs), requests, status classes counted over all threads, and socket errors.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  wrk.method = args[1] or "GET"
  if args[2] and args[2] ~= "-" then
    local f = assert(io.open(args[2], "rb"))
    wrk.body = f:read("*a")
    f:close()
    wrk.headers["Content-Type"] = args[3]
  end
  s2xx, s3xx, s4xx, s5xx, other = 0, 0, 0, 0, 0
end

function response(status, headers, body)
  if status >= 500 then s5xx = s5xx + 1
  elseif status >= 400 then s4xx = s4xx + 1
  elseif status >= 300 then s3xx = s3xx + 1
  elseif status >= 200 then s2xx = s2xx + 1
  else other = other + 1 end
end

function done(summary, latency, requests)
  local c = {s2xx = 0, s3xx = 0, s4xx = 0, s5xx = 0, other = 0}
  for _, t in ipairs(threads) do
    for k, _ in pairs(c) do c[k] = c[k] + t:get(k) end
  end
  local e = summary.errors
  io.write(string.format(
    'JSON {"requests": %d, "duration_us": %d, "bytes": %d, ' ..
    '"p50_us": %d, "p90_us": %d, "p99_us": %d, "max_us": %d, "mean_us": %.1f, ' ..
    '"s2xx": %d, "s3xx": %d, "s4xx": %d, "s5xx": %d, "other": %d, ' ..
    '"connect_errors": %d, "read_errors": %d, "write_errors": %d, "timeouts": %d, "status_errors": %d}\n',
    summary.requests, summary.duration, summary.bytes,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, latency.mean,
    c.s2xx, c.s3xx, c.s4xx, c.s5xx, c.other,
    e.connect, e.read, e.write, e.timeout, e.status))
end
