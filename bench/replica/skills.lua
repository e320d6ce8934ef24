-- POST of a new skill per request: names unique per wrk thread (a user lists a skill once)
local threads = 0
function setup(thread)
    threads = threads + 1
    thread:set("tid", threads)
end
function init(args)
    wrk.method = "POST"
    wrk.headers["Content-Type"] = "application/json"
end
local n = 0
local run = os.time() -- the warm-up and the measured wrk are separate processes
function request()
    n = n + 1
    return wrk.format(nil, nil, nil, '{"name":"skill-' .. run .. '-' .. tid .. '-' .. n .. '","level":"advanced"}')
end
