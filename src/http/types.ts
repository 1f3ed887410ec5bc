// What the HTTP servers need from the rest of the daemon. The shapes of the two server sections mirror
// src/config/types.ts structurally (http may not import config), so the cli passes config.unixHttpServer as is.
import type { RpcEndpoint, RpcLogger } from "../rpc/namespaces";

export interface UnixServerSpec {
  file: string;
  chmod: number;
  chown: { uid: number; gid: number } | null;
  username: string | null;
  password: string | null;
}

export interface InetServerSpec {
  host: string; // "" = all interfaces
  port: number;
  username: string | null;
  password: string | null;
}

export interface HttpServersSpec {
  unixHttpServer: UnixServerSpec | null;
  inetHttpServer: InetServerSpec | null;
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
  /** The bound TCP port (useful when the spec asked for port 0), or null without an inet server. */
  readonly inetPort: number | null;
}
