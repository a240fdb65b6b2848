-- wrk script: every request carries a token never sent before (a validation-cache miss).
-- args: <tokens file> <number of wrk threads>; thread k uses lines k, k+n, k+2n, ...
local counter = 0
function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
end

local tokens = {}
local next = 1
local stride = 1
function init(args)
  local all = {}
  for line in io.lines(args[1]) do all[#all + 1] = line end
  stride = tonumber(args[2])
  for i = id + 1, #all, stride do tokens[#tokens + 1] = all[i] end
end

function request()
  local t = tokens[next]
  next = next + 1
  if next > #tokens then next = 1 end
  return wrk.format("GET", "/api/documents", { ["Authorization"] = "Bearer " .. t })
end
