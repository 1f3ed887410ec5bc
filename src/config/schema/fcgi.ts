// [fcgi-program:x]: a program whose processes share one listening socket that supervisord opens.
import * as dt from "../datatypes";
import type { RawSection } from "../document";
import { BadValue } from "../errors";
import { Expansions, layer } from "../expand";
import type { FcgiGroupConfig, FcgiSocket } from "../types";
import { dirname, isAbsolute } from "node:path";
import { type ProcessContext, processesFromSection, sectionName } from "./program";
import { key, optional, SectionReader, text } from "./reader";

function backlog(v: string): number {
  const n = dt.integer(v);
  if (n < 1 || n > 65535) throw new BadValue("must be between 1 and 65535");
  return n;
}

export const FCGI_KEYS = {
  priority: key("999", dt.integer),
  user: optional(dt.userToUid),
  socket: optional(text),
  socket_backlog: optional(backlog),
  socket_owner: optional(dt.userAndGroup),
  socket_mode: optional(dt.octal),
};

export function readFcgiProgram(ctx: ProcessContext, section: RawSection): FcgiGroupConfig {
  const name = sectionName(section, ctx);
  const here = layer({ here: dirname(section.file) });
  const r = new SectionReader(ctx.raw, section, FCGI_KEYS, ctx.host, new Expansions([ctx.envNames, here]));
  const priority = r.get("priority");
  const procUid = r.get("user");
  const backlogValue = r.get("socket_backlog");
  const owner = r.get("socket_owner");
  const mode = r.get("socket_mode");
  const socketText = r.text("socket", new Expansions([ctx.envNames, here, layer({ program_name: name })]));
  if (!socketText) throw r.error(`[${section.name}] section requires a "socket" line`, "socket");
  const socket = parseSocket(r, socketText, procUid, owner, mode, backlogValue);
  return { kind: "fcgi-program", name, priority, processes: processesFromSection(ctx, section, name), socket };
}

function parseSocket(
  r: SectionReader<typeof FCGI_KEYS>,
  value: string,
  procUid: number | null,
  owner: { uid: number; gid: number } | null,
  mode: number | null,
  backlog: number | null,
): FcgiSocket {
  const bad = (reason: string) => r.error(`invalid value for socket: '${value}' (${reason})`, "socket", value);
  if (value.startsWith("unix://")) {
    const path = value.slice(7);
    if (!isAbsolute(path)) throw bad("the unix socket path must be absolute");
    // Left unset, the socket belongs to the program's user when that is not supervisord's own.
    let socketOwner = owner;
    if (!socketOwner && procUid !== null && procUid !== r.host.uid) {
      socketOwner = { uid: procUid, gid: dt.primaryGid(procUid, r.host) };
    }
    return { kind: "unix", path: dt.normalizePath(path, r.host), owner: socketOwner, mode: mode ?? 0o700, backlog };
  }
  if (owner !== null || mode !== null) {
    throw r.error("socket_owner and socket_mode params should only be used with a Unix domain socket", "socket", value);
  }
  const m = /^tcp:\/\/([^\s:]+):(\d+)$/.exec(value);
  if (!m) throw bad("use tcp://host:port or unix:///absolute/path");
  const port = Number(m[2]);
  if (port < 1 || port > 65535) throw bad("port must be between 1 and 65535");
  return { kind: "tcp", host: m[1]!.toLowerCase(), port, backlog };
}
