-- wrk script: POST a webhook fixture, with the issue number rotated over 1000 values so events spread over
-- 1000 group keys. Usage: BODY_FILE=path wrk -s post-fixture.lua URL
local file = assert(io.open(os.getenv("BODY_FILE"), "rb"))
local template = file:read("*a")
file:close()
local counter = 0

request = function()
  counter = counter + 1
  local body = template:gsub('"number": %d+', '"number": ' .. (counter % 1000), 1)
  return wrk.format("POST", nil, {["Content-Type"] = "application/json", ["X-GitHub-Event"] = "issues"}, body)
end
