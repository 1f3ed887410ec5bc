// [unix_http_server] and [inet_http_server]: where supervisord listens for supervisorctl and the web UI.
import * as dt from "../datatypes";
import type { RawConfig, RawSection } from "../document";
import { Expansions, type ExpansionValue, layer } from "../expand";
import type { ConfigHost } from "../host";
import type { InetHttpServerConfig, UnixHttpServerConfig } from "../types";
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

export function readInetHttpServer(
  raw: RawConfig,
  section: RawSection,
  host: ConfigHost,
  envNames: ReadonlyMap<string, ExpansionValue>,
): InetHttpServerConfig {
  const r = new SectionReader(raw, section, INET_HTTP_SERVER_KEYS, host, new Expansions([envNames]));
  const auth = credentials(r);
  const address = r.get("port");
  if (!address) throw r.error(`section [${section.name}] has no port value`, "port");
  return { ...address, ...auth };
}

export function readUnixHttpServer(
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
  return { file: dt.normalizePath(file.trim(), host), chown: r.get("chown"), chmod: r.get("chmod"), ...auth };
}
