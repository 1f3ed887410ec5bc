// [inet_http_server*] and [unix_http_server*]: where supervisord listens for supervisorctl and the web UI. As in
// 4.2.5, every section whose name starts with one of those words is a server of its own ([inet_http_server:web],
// [inet_http_server], [inet_http_server2]), and supervisord serves them all.
import * as dt from "../datatypes";
import type { RawConfig, RawSection } from "../document";
import { Expansions, type ExpansionValue, layer } from "../expand";
import type { ConfigHost } from "../host";
import type { HttpServerConfig, InetHttpServerConfig, UnixHttpServerConfig } from "../types";
import { dirname } from "node:path";
import { key, optional, type Schema, SectionReader, text } from "./reader";

export const INET_HTTP_SERVER_KEYS = {
  port: optional(dt.inetAddress),
  username: optional(text),
  password: optional(text),
};

export const UNIX_HTTP_SERVER_KEYS = {
  file: optional(text),
  chmod: key("0700", dt.octal),
  chown: optional(dt.userAndGroup),
  username: optional(text),
  password: optional(text),
};

/** What follows the first ":" of the section's name, as 4.2.5 names a server ([inet_http_server:a:b] is "a:b"). */
function serverName(section: RawSection): string | null {
  const colon = section.name.indexOf(":");
  return colon === -1 ? null : section.name.slice(colon + 1);
}

function credentials(r: SectionReader<Schema>): { username: string | null; password: string | null } {
  const username = r.text("username");
  const password = r.text("password");
  if ((username === null) !== (password === null)) {
    throw r.error(
      `Section [${r.name}] contains incomplete authentication: If a username or a password is specified, both the ` +
        "username and password must be specified",
      username === null ? "username" : "password",
    );
  }
  return { username, password };
}

function readInetHttpServer(
  raw: RawConfig,
  section: RawSection,
  host: ConfigHost,
  envNames: ReadonlyMap<string, ExpansionValue>,
): InetHttpServerConfig {
  const r = new SectionReader(raw, section, INET_HTTP_SERVER_KEYS, host, new Expansions([envNames]));
  const auth = credentials(r);
  const address = r.get("port");
  if (!address) throw r.error(`section [${section.name}] has no port value`, "port");
  return { kind: "inet", section: section.name, name: serverName(section), ...address, ...auth };
}

function readUnixHttpServer(
  raw: RawConfig,
  section: RawSection,
  host: ConfigHost,
  envNames: ReadonlyMap<string, ExpansionValue>,
): UnixHttpServerConfig {
  const here = layer({ here: dirname(section.file) });
  const r = new SectionReader(raw, section, UNIX_HTTP_SERVER_KEYS, host, new Expansions([envNames]));
  const file = r.text("file", new Expansions([envNames, here]));
  if (file === null) throw r.error(`section [${section.name}] has no file value`, "file");
  const auth = credentials(r);
  const chown = r.get("chown");
  const chmod = r.get("chmod");
  const path = dt.normalizePath(file.trim(), host);
  return { kind: "unix", section: section.name, name: serverName(section), file: path, chown, chmod, ...auth };
}

/** Every server section, inet ones first, each kind in the order read (4.2.5's server_configs). */
export function readHttpServers(raw: RawConfig, host: ConfigHost, envNames: ReadonlyMap<string, ExpansionValue>): HttpServerConfig[] {
  const inet = raw.sectionsWithPrefix("inet_http_server").map((s) => readInetHttpServer(raw, s, host, envNames));
  const unix = raw.sectionsWithPrefix("unix_http_server").map((s) => readUnixHttpServer(raw, s, host, envNames));
  return [...inet, ...unix];
}

/** What children get as SUPERVISOR_SERVER_URL when their serverurl is AUTO: the first unix socket, else the last
 * TCP server (4.2.5's search for one goes on past the first), else none. */
export function fallbackServerUrl(servers: readonly HttpServerConfig[]): string | null {
  const unix = servers.find((s) => s.kind === "unix");
  if (unix) return `unix://${unix.file}`;
  const inet = servers.findLast((s) => s.kind === "inet");
  return inet ? `http://${inet.host || "localhost"}:${inet.port}` : null;
}
