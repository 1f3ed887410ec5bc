// What the HTTP servers need from the rest of the daemon. The server shapes mirror src/config/types.ts structurally
// (http may not import config), so the cli passes the Config itself, whose httpServers lists every server section.
import type { RpcEndpoint, RpcLogger } from "../rpc/namespaces";

export interface UnixServerSpec {
  kind: "unix";
  /** The section's name, e.g. "unix_http_server:main", as the log names the server. */
  section: string;
  file: string;
  chmod: number;
  chown: { uid: number; gid: number } | null;
  username: string | null;
  password: string | null;
}

export interface InetServerSpec {
  kind: "inet";
  section: string;
  host: string; // "" = all interfaces
  port: number;
  username: string | null;
  password: string | null;
}

export type ServerSpec = InetServerSpec | UnixServerSpec;

export interface HttpServersSpec {
  /** Started in this order, each with its own authentication. */
  httpServers: readonly ServerSpec[];
}

export interface HttpLogger extends RpcLogger {
  info(msg: string): void;
}

export interface HttpHandlers {
  /** /RPC2, /logtail and /mainlogtail: the RPC namespaces over the daemon (createRpcEndpoint). */
  endpoint: RpcEndpoint;
  logger: HttpLogger;
}

export interface HttpServers {
  /** Stops listening, ends open streams and removes the unix socket file. */
  close(): Promise<void>;
  /** The bound TCP port of each inet server, in the spec's order (useful when the spec asked for port 0). */
  readonly inetPorts: readonly number[];
}
