// Binding [unix_http_server] the way 4.2.5 does: the socket is created under a temporary name, given its mode,
// and then hard-linked to the configured name, so it never exists under that name with the wrong permissions.
// A link that fails means the name is taken: if something answers there, the address is in use; otherwise the
// file is a stale socket from an earlier run and is removed.
import { chmodSync, chownSync, linkSync, unlinkSync } from "node:fs";
import { userInfo } from "node:os";
import { HttpServerError } from "./error-page";
import type { UnixServerSpec } from "./types";

export const ADDRESS_IN_USE =
  "Another program is already listening on a port that one of our HTTP servers is configured to use.  " +
  "Shut this program down first before starting supervisord.";

/**
 * Whether a server answers on the socket: 4.2.5 sends a request and waits for one byte of reply. node:net is loaded
 * only here, when a socket file is already there: importing it costs the daemon 0.5 MB of resident memory.
 */
async function socketAnswers(path: string): Promise<boolean> {
  const { createConnection } = await import("node:net");
  return new Promise((resolve) => {
    const sock = createConnection({ path });
    const done = (answer: boolean) => {
      sock.destroy();
      resolve(answer);
    };
    sock.setTimeout(2000, () => done(false));
    sock.once("connect", () => sock.write("GET / HTTP/1.0\r\n\r\n"));
    sock.once("data", () => done(true));
    sock.once("error", () => done(false));
    sock.once("end", () => done(false));
  });
}

function unlinkQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already gone
  }
}

function chownSocket(spec: UnixServerSpec): void {
  if (!spec.chown) return;
  try {
    chownSync(spec.file, spec.chown.uid, spec.chown.gid);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EPERM") throw e;
    throw new HttpServerError(
      `Not permitted to chown ${spec.file} to uid/gid (${spec.chown.uid}, ${spec.chown.gid}); adjust "sockchown" ` +
        `value in config file or on command line to values that the current user (${userInfo().username}) can ` +
        "successfully chown",
    );
  }
}

/**
 * Binds `listen(tempPath)` under spec.file. `listen` starts the server on a path and returns a stop function.
 * Throws HttpServerError with 4.2.5's text when the socket is in use.
 */
export async function bindUnixSocket<T extends { stop(): void }>(
  spec: UnixServerSpec,
  listen: (path: string) => T,
): Promise<T> {
  const tempPath = `${spec.file}.${process.pid}`;
  unlinkQuietly(tempPath);
  for (;;) {
    const server = listen(tempPath);
    let linked = false;
    try {
      chmodSync(tempPath, spec.chmod);
      try {
        linkSync(tempPath, spec.file);
        linked = true;
      } catch {
        if (await socketAnswers(spec.file)) throw new HttpServerError(ADDRESS_IN_USE);
        process.stderr.write(`Unlinking stale socket ${spec.file}\n`);
        unlinkQuietly(spec.file);
        server.stop();
        await Bun.sleep(300);
        continue;
      }
      chownSocket(spec);
      return server;
    } catch (e) {
      server.stop();
      if (linked) unlinkQuietly(spec.file);
      throw e;
    } finally {
      unlinkQuietly(tempPath);
    }
  }
}
