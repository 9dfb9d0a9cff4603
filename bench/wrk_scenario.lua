-- One benchmark scenario for wrk: the request comes from BENCH_* variables, and done()
-- prints one JSON line with the latency percentiles and every kind of failure.
local method = os.getenv("BENCH_METHOD") or "GET"
local path = os.getenv("BENCH_PATH") or "/"
local body = os.getenv("BENCH_BODY")
local max_id = tonumber(os.getenv("BENCH_MAX_ID") or "0")
local statuses = {"open", "in_progress", "resolved", "closed"}
local headers = {["Content-Type"] = "application/json", ["Authorization"] = os.getenv("BENCH_AUTHORIZATION")}
local threads = {}

function setup(thread)
    table.insert(threads, thread)
end

function init(args)
    not_2xx = 0
    math.randomseed(os.time() + #threads)
end

function request()
    local request_path = path
    local request_body = body
    if max_id > 0 then
        request_path = string.gsub(path, "{id}", tostring(math.random(1, max_id)))
    end
    if request_body then
        request_body = string.gsub(request_body, "{status}", statuses[math.random(1, #statuses)])
        request_body = string.gsub(request_body, "{customer}", tostring(math.random(1, 1000000)))
    end
    return wrk.format(method, request_path, headers, request_body)
end

function response(status, response_headers, response_body)
    if status < 200 or status > 299 then
        not_2xx = not_2xx + 1
    end
end

function done(summary, latency, requests)
    local failed = 0
    for _, thread in ipairs(threads) do
        failed = failed + thread:get("not_2xx")
    end
    local errors = summary.errors
    io.write(string.format(
        '{"requests": %d, "duration_us": %d, "p50_us": %d, "p95_us": %d, "p99_us": %d, '
            .. '"not_2xx": %d, "socket_errors": %d}\n',
        summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
        latency:percentile(99), failed, errors.connect + errors.read + errors.write + errors.timeout
    ))
end
