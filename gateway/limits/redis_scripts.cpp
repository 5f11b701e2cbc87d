#include "gateway/limits/redis_scripts.hpp"

namespace keygate::redis_scripts {

const std::string_view admit = R"lua(
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local id = ARGV[1]
local nr, np, nb = tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local lease = tonumber(ARGV[5])
local refused, which, wait = 0, 0, 0
local levels = {}
local a = 6
for i = 1, nr do
  local cap, amount, unit = tonumber(ARGV[a]), tonumber(ARGV[a + 1]), tonumber(ARGV[a + 2])
  local st = redis.call('HMGET', KEYS[i], 'l', 't')
  local level = cap
  if st[1] then
    level = math.min(cap, tonumber(st[1]) + math.max(0, now - tonumber(st[2])) * cap / 60000)
  end
  levels[i] = level
  if refused == 0 and level + 1e-9 < amount then
    refused, which = unit, i
    if amount > cap then wait = 60000 else wait = math.max(1, math.ceil((amount - level) * 60000 / cap)) end
  end
  a = a + 4
end
local pa = a
for j = 1, np do
  local k = KEYS[nr + j]
  redis.call('ZREMRANGEBYSCORE', k, '-inf', now)
  if refused == 0 and redis.call('ZCARD', k) >= tonumber(ARGV[a]) then
    refused, which, wait = 3, nr + j, 1000
  end
  a = a + 1
end
local ba = a
local edges = {}
for j = 1, nb do
  local k = KEYS[nr + np + j]
  local gone = redis.call('ZRANGEBYSCORE', k .. ':resv', '-inf', now)
  for _, m in ipairs(gone) do
    local amt = redis.call('HGET', k .. ':amt', m)
    if amt and amt ~= '0' then redis.call('HINCRBY', k, 'r', '-' .. amt) end
    redis.call('HDEL', k .. ':amt', m)
  end
  if #gone > 0 then redis.call('ZREMRANGEBYSCORE', k .. ':resv', '-inf', now) end
  local st = redis.call('HMGET', k, 's', 'r', 'e', 'x')
  if st[3] and tonumber(st[4] or '0') < now then
    redis.call('HDEL', k, 'e', 'x')
    st[3] = false
  end
  local spent, reserved = tonumber(st[1] or '0'), tonumber(st[2] or '0')
  local limit, amount = tonumber(ARGV[a]), tonumber(ARGV[a + 1])
  local fits = spent + reserved + amount <= limit
  edges[j] = not fits
  if refused == 0 and not fits and (st[3] or spent + reserved >= limit) then
    refused, which, wait = 4, nr + np + j, 0
  end
  a = a + 3
end
local out = {refused, which, wait, -1, -1, -1, -1, -1, -1}
a = 6
for i = 1, nr do
  local cap, amount, unit, report = tonumber(ARGV[a]), tonumber(ARGV[a + 1]), tonumber(ARGV[a + 2]), ARGV[a + 3]
  local level = levels[i]
  if refused == 0 then level = level - amount end
  redis.call('HSET', KEYS[i], 'l', tostring(level), 't', now)
  redis.call('PEXPIRE', KEYS[i], math.ceil((cap - level) * 60000 / cap) + 1000)
  if report == '1' then
    local o = (unit == 1) and 4 or 7
    out[o] = cap
    out[o + 1] = math.max(0, math.floor(level))
    out[o + 2] = math.max(0, math.ceil((cap - level) * 60000 / cap))
  end
  a = a + 4
end
if refused ~= 0 then return out end
for j = 1, np do
  local k = KEYS[nr + j]
  redis.call('ZADD', k, now + lease, id)
  redis.call('PEXPIRE', k, lease)
end
a = ba
for j = 1, nb do
  local k = KEYS[nr + np + j]
  local ttl = ARGV[a + 2]
  -- Amounts go to Redis as the caller's own digits: Lua would print a large one as 1e+14.
  redis.call('HINCRBY', k, 'r', ARGV[a + 1])
  redis.call('ZADD', k .. ':resv', now + lease, id)
  redis.call('HSET', k .. ':amt', id, ARGV[a + 1])
  if edges[j] then redis.call('HSET', k, 'e', id, 'x', now + lease) end
  redis.call('PEXPIRE', k, ttl)
  redis.call('PEXPIRE', k .. ':resv', ttl)
  redis.call('PEXPIRE', k .. ':amt', ttl)
  a = a + 3
end
return out
)lua";

const std::string_view settle = R"lua(
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local id = ARGV[1]
local nr, np, nb = tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local a = 5
for i = 1, nr do
  local cap, delta = tonumber(ARGV[a]), tonumber(ARGV[a + 1])
  local st = redis.call('HMGET', KEYS[i], 'l', 't')
  local level = cap
  if st[1] then
    level = math.min(cap, tonumber(st[1]) + math.max(0, now - tonumber(st[2])) * cap / 60000)
  end
  level = math.min(cap, level - delta)
  redis.call('HSET', KEYS[i], 'l', tostring(level), 't', now)
  redis.call('PEXPIRE', KEYS[i], math.ceil((cap - level) * 60000 / cap) + 1000)
  a = a + 2
end
for j = 1, np do
  redis.call('ZREM', KEYS[nr + j], id)
end
for j = 1, nb do
  local k = KEYS[nr + np + j]
  local ttl = ARGV[a + 1]
  redis.call('HINCRBY', k, 's', ARGV[a])
  local amt = redis.call('HGET', k .. ':amt', id)
  if amt then
    if amt ~= '0' then redis.call('HINCRBY', k, 'r', '-' .. amt) end
    redis.call('HDEL', k .. ':amt', id)
    redis.call('ZREM', k .. ':resv', id)
  end
  if redis.call('HGET', k, 'e') == id then redis.call('HDEL', k, 'e', 'x') end
  redis.call('PEXPIRE', k, ttl)
  a = a + 2
end
return 1
)lua";

const std::string_view headroom = R"lua(
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local nr, np = tonumber(ARGV[1]), tonumber(ARGV[2])
local out = {}
for i = 1, nr do
  local cap = tonumber(ARGV[2 + i])
  local st = redis.call('HMGET', KEYS[i], 'l', 't')
  local level = cap
  if st[1] then
    level = math.min(cap, tonumber(st[1]) + math.max(0, now - tonumber(st[2])) * cap / 60000)
  end
  out[i] = math.max(0, math.floor(level))
end
for j = 1, np do
  local busy = redis.call('ZCOUNT', KEYS[nr + j], '(' .. now, '+inf')
  out[nr + j] = math.max(0, tonumber(ARGV[2 + nr + j]) - busy)
end
return out
)lua";

}  // namespace keygate::redis_scripts
