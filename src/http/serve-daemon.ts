// The one call supervisord's start-up makes: the RPC namespaces over the daemon, served on the configured sockets.
// Its shape is the daemon's ServerStarter, (daemon, config, logger) → { close() }; an HttpServerError carries
// 4.2.5's usage text (exit 2), e.g. when the socket is in use.
import { createRpcEndpoint } from "../rpc/namespaces";
import { startHttpServers } from "./servers";
import type { HttpLogger, HttpServers, HttpServersSpec } from "./types";

export function serveDaemon(
  daemon: Parameters<typeof createRpcEndpoint>[0],
  config: HttpServersSpec,
  logger: HttpLogger,
): Promise<HttpServers> {
  return startHttpServers(config, { endpoint: createRpcEndpoint(daemon, logger), logger });
}
