// Preloaded into Portkey's gateway (node --require): its server listens on every interface and
// has no host option, so pin any listen() without a host to 127.0.0.1.
const net = require("net");
const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
  if (typeof args[0] === "number" || typeof args[0] === "string") {
    if (args[1] === undefined || typeof args[1] === "function") args.splice(1, args[1] === undefined ? 1 : 0, "127.0.0.1");
  } else if (args[0] && typeof args[0] === "object" && args[0].host === undefined && args[0].path === undefined) {
    args[0] = { ...args[0], host: "127.0.0.1" };
  }
  return listen.apply(this, args);
};
