// The HTTP face of supervisord: what the cli needs to start the servers.
export { HttpServerError } from "./error-page";
export { serveDaemon } from "./serve-daemon";
export { startHttpServers } from "./servers";
export type { HttpHandlers, HttpLogger, HttpServers, HttpServersSpec } from "./types";
