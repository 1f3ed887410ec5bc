// [supervisorctl]: how the client reaches the daemon.
import * as dt from "../datatypes";
import type { RawConfig, RawSection } from "../document";
import { Expansions, type ExpansionValue, layer } from "../expand";
import type { ConfigHost } from "../host";
import type { SupervisorctlConfig } from "../types";
import { dirname } from "node:path";
import { key, optional, SectionReader, text } from "./reader";

export const SUPERVISORCTL_KEYS = {
  serverurl: key("http://localhost:9001", text),
  username: optional(text),
  password: optional(text),
  prompt: key("supervisor", text),
  history_file: optional(text),
};

export const DEFAULT_SUPERVISORCTL: SupervisorctlConfig = {
  serverurl: SUPERVISORCTL_KEYS.serverurl.default,
  username: null,
  password: null,
  prompt: SUPERVISORCTL_KEYS.prompt.default,
  historyFile: null,
};

export function readSupervisorctl(
  raw: RawConfig,
  section: RawSection,
  host: ConfigHost,
  envNames: ReadonlyMap<string, ExpansionValue>,
): SupervisorctlConfig {
  const withHere = new Expansions([envNames, layer({ here: dirname(section.file) })]);
  const r = new SectionReader(raw, section, SUPERVISORCTL_KEYS, host, new Expansions([envNames]));
  let serverurl = r.get("serverurl", withHere);
  if (serverurl.startsWith("unix://")) serverurl = `unix://${dt.normalizePath(serverurl.slice(7), host)}`;
  const historyFile = r.get("history_file", withHere);
  return {
    serverurl,
    prompt: r.get("prompt"),
    username: r.get("username"),
    password: r.get("password"),
    historyFile: historyFile ? dt.normalizePath(historyFile, host) : null,
  };
}
