-- One fixed PUT per connection (wrk builds the request once): the body is args[1] bytes of "x".
wrk.method = "PUT"
function init(args) wrk.body = string.rep("x", tonumber(args[1])) end
