-- 4 KiB PUTs cycling the request paths listed in the file args[1] (one a line), each wrk thread from its own offset.
local paths, n, threads = {}, 0, 0
local body = string.rep("x", 4096)
function setup(thread) thread:set("id", threads); threads = threads + 1 end
function init(args) for line in io.lines(args[1]) do paths[#paths + 1] = line end; n = id * 128 end
function request() n = n + 1; return wrk.format("PUT", paths[(n % #paths) + 1], nil, body) end
