-- wrk script: POST the pull_request.opened fixture with a new pull_request.id per request, so that every request
-- makes a new entity (and a group of its own). Usage: BODY_FILE=path wrk -s post-pull-request.lua URL
local file = assert(io.open(os.getenv("BODY_FILE"), "rb"))
local template = file:read("*a")
file:close()
local thread_id = 0
local threads = {}

setup = function(thread)
  thread:set("offset", thread_id * 100000000)
  thread_id = thread_id + 1
end

local counter = 0
request = function()
  counter = counter + 1
  local body = template:gsub('"id": 279147437', '"id": ' .. (offset + counter), 1)
  return wrk.format("POST", nil, {["Content-Type"] = "application/json", ["X-GitHub-Event"] = "pull_request"}, body)
end
