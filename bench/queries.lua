-- wrk: the 30 benchmark queries in turn, from the file named by QUERIES (one portal path a line).
local paths = {}
for line in io.lines(os.getenv("QUERIES")) do paths[#paths + 1] = line end
local i = 0
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
