// Turns the merged sections of every file read into the typed Config, in 4.2.5's order: [supervisord] first (its
// environment= feeds every later expansion), then rpc interfaces, groups and programs, then the HTTP servers.
import type { RawConfig } from "./document";
import { ConfigError } from "./errors";
import type { ExpansionValue } from "./expand";
import type { ConfigHost } from "./host";
import { readEventListener } from "./schema/eventlistener";
import { readFcgiProgram } from "./schema/fcgi";
import { readGroups } from "./schema/group";
import { fallbackServerUrl, readHttpServers } from "./schema/http";
import {
  byPriorityThenName,
  groupPriority,
  type ProcessContext,
  processesFromSection,
  sectionName,
} from "./schema/program";
import { readRpcInterfaces } from "./schema/rpcinterface";
import { DEFAULT_SUPERVISORCTL, readSupervisorctl } from "./schema/supervisorctl";
import { readSupervisord } from "./schema/supervisord";
import type { Config, GroupConfig } from "./types";

export interface BuildInput {
  raw: RawConfig;
  /** The main file, absolute. */
  file: string;
  files: string[];
  host: ConfigHost;
  /** ENV_X for each variable of host.env. */
  osEnv: ReadonlyMap<string, ExpansionValue>;
  /** Warnings already raised while reading files (includes matching nothing). */
  warnings: string[];
}

export function buildConfig({ raw, file, files, host, osEnv, warnings }: BuildInput): Config {
  const main = raw.sections.get("supervisord");
  if (!main) throw new ConfigError(".ini file does not include supervisord section", { file });
  const { config: supervisord, envNames } = readSupervisord(raw, main, host, osEnv);
  const rpcinterfaces = readRpcInterfaces(raw, host, envNames);

  const ctx: ProcessContext = { raw, host, envNames, warnings };
  const claimed = new Map<string, string>();
  const groups: GroupConfig[] = readGroups(ctx, claimed);
  for (const section of raw.sectionsWithPrefix("program:")) {
    if (claimed.has(section.name)) continue;
    const name = sectionName(section, ctx);
    const priority = groupPriority(ctx, section);
    groups.push({ kind: "program", name, priority, processes: processesFromSection(ctx, section, name, name) });
  }
  for (const section of raw.sectionsWithPrefix("eventlistener:")) groups.push(readEventListener(ctx, section));
  for (const section of raw.sectionsWithPrefix("fcgi-program:")) {
    if (!claimed.has(section.name)) groups.push(readFcgiProgram(ctx, section));
  }
  groups.sort(byPriorityThenName);
  if (Object.keys(supervisord.environment).length > 0) {
    for (const group of groups) {
      for (const p of group.processes) p.environment = { ...supervisord.environment, ...p.environment };
    }
  }

  const httpServers = readHttpServers(raw, host, envNames);
  const ctl = raw.sections.get("supervisorctl");
  return {
    file,
    files,
    supervisord: { ...supervisord, serverurl: fallbackServerUrl(httpServers) },
    supervisorctl: ctl ? readSupervisorctl(raw, ctl, host, osEnv) : { ...DEFAULT_SUPERVISORCTL },
    httpServers,
    rpcinterfaces,
    groups,
    warnings,
  };
}
