// Starts [unix_http_server] and [inet_http_server] together, each with its own authentication. Handlers are
// async, so a request that waits (startProcess with wait=true) never holds up the others.
import { constants } from "node:os";
import { unlinkSync } from "node:fs";
import type { Server } from "node:http";
import { DEFAULT_LIMITS } from "../rpc/codec";
import { authFor } from "./auth";
import { HttpServerError } from "./error-page";
import { listen, serve, shut } from "./node-server";
import { makeRouter } from "./router";
import type { HttpHandlers, HttpServers, HttpServersSpec } from "./types";
import { ADDRESS_IN_USE, bindUnixSocket } from "./unix-socket";

/** A body larger than the codec would read is refused before it is buffered (413). */
export const MAX_BODY_BYTES = DEFAULT_LIMITS.maxBytes;

function server(fetch: ReturnType<typeof makeRouter>, logger: HttpHandlers["logger"]): Server {
  return serve({
    fetch,
    maxBodyBytes: MAX_BODY_BYTES,
    onError: (err) => logger.error(`HTTP request failed: ${(err as Error)?.stack ?? err}`),
  });
}

/** 4.2.5's usage text for a socket error other than "address in use". */
function cannotOpen(e: NodeJS.ErrnoException): HttpServerError {
  if (e.code === "EADDRINUSE") return new HttpServerError(ADDRESS_IN_USE);
  const errno = e.code ? (constants.errno as Record<string, number>)[e.code] : undefined;
  const help = "Cannot open an HTTP server: socket.error reported";
  return new HttpServerError(errno === undefined ? `${help} ${e.message}` : `${help} errno.${e.code} (${errno})`);
}

async function opened(listening: Promise<Server>): Promise<Server> {
  try {
    return await listening;
  } catch (e) {
    throw cannotOpen(e as NodeJS.ErrnoException);
  }
}

function announce(section: string, spec: { username: string | null }, logger: HttpHandlers["logger"]): void {
  logger.info("RPC interface 'supervisor' initialized");
  if (!spec.username) logger.critical(`Server '${section}' running without any HTTP authentication checking`);
}

export async function startHttpServers(spec: HttpServersSpec, handlers: HttpHandlers): Promise<HttpServers> {
  const closing = new AbortController();
  const servers: Server[] = [];
  let socketFile: string | null = null;
  const close = async () => {
    closing.abort();
    await Promise.all(servers.map(shut));
    servers.length = 0;
    if (socketFile) {
      try {
        unlinkSync(socketFile);
      } catch {
        // already removed
      }
      socketFile = null;
    }
  };
  try {
    const { unixHttpServer: unix, inetHttpServer: inet } = spec;
    if (inet) {
      const tcp = server(makeRouter(authFor(inet), handlers.endpoint, closing.signal), handlers.logger);
      servers.push(await opened(listen(tcp, { port: inet.port, host: inet.host || "0.0.0.0" })));
      announce("inet_http_server", inet, handlers.logger);
    }
    if (unix) {
      const fetch = makeRouter(authFor(unix), handlers.endpoint, closing.signal);
      servers.push(await bindUnixSocket(unix, (path) => opened(listen(server(fetch, handlers.logger), { path }))));
      socketFile = unix.file;
      announce("unix_http_server", unix, handlers.logger);
    }
  } catch (e) {
    await close();
    throw e;
  }
  const address = spec.inetHttpServer ? servers[0].address() : null;
  const inetPort = address && typeof address === "object" ? address.port : null;
  return { close, inetPort };
}
