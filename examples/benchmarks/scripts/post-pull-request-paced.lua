-- wrk script: post-pull-request.lua at a steady rate. Each connection waits about CONNECTIONS * 1000 / RATE ms after
-- each answer; once a second each wrk thread compares what it sent with its share of RATE and stretches or shortens
-- that pause, so the answers' own latency does not pull the rate down.
-- Usage: SCRIPT_DIR=dir BODY_FILE=path RATE=1000 CONNECTIONS=16 THREADS=2 wrk -t2 -c16 -s post-pull-request-paced.lua URL
dofile(os.getenv("SCRIPT_DIR") .. "/post-pull-request.lua")
local target = tonumber(os.getenv("RATE")) / tonumber(os.getenv("THREADS") or "2")
local initial = tonumber(os.getenv("CONNECTIONS")) * 1000 / tonumber(os.getenv("RATE"))
local pause = initial
local second = os.time()
local sent = 0

delay = function()
  sent = sent + 1
  local now = os.time()
  if now ~= second then
    local achieved = sent / (now - second)
    pause = math.max(1, math.min(initial * 4, pause * achieved / target))
    second = now
    sent = 0
  end
  return pause
end
