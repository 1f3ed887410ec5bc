// [group:x]: a heterogeneous group gathering [program:x] / [fcgi-program:x] sections under one name.
import * as dt from "../datatypes";
import type { RawSection } from "../document";
import { Expansions, layer } from "../expand";
import type { ProcessConfig, ProcessGroupConfig } from "../types";
import { dirname } from "node:path";
import { type ProcessContext, processesFromSection, sectionName } from "./program";
import { key, SectionReader } from "./reader";

export const GROUP_KEYS = {
  programs: key("", dt.listOfStrings),
  priority: key("999", dt.integer),
};

/**
 * Reads every [group:x]. `claimed` maps each program section taken by a group to that group's section, so the
 * homogeneous pass skips them and a program named by two groups is refused (4.2.5 would silently run it twice).
 */
export function readGroups(ctx: ProcessContext, claimed: Map<string, string>): ProcessGroupConfig[] {
  const groups: ProcessGroupConfig[] = [];
  for (const section of ctx.raw.sectionsWithPrefix("group:")) {
    const name = sectionName(section, ctx);
    const names = new Expansions([ctx.envNames, layer({ here: dirname(section.file) })]);
    const r = new SectionReader(ctx.raw, section, GROUP_KEYS, ctx.host, names);
    const programs = r.get("programs");
    const priority = r.get("priority");
    const processes: ProcessConfig[] = [];
    for (const program of programs) {
      const target = programSection(ctx, r, program);
      const owner = claimed.get(target.name);
      if (owner) {
        throw r.error(`[${section.name}] names ${program}, which [${owner}] already contains`, "programs", program);
      }
      claimed.set(target.name, section.name);
      processes.push(...processesFromSection(ctx, target, name));
    }
    groups.push({ kind: "group", name, priority, processes });
  }
  return groups;
}

function programSection(ctx: ProcessContext, r: SectionReader<typeof GROUP_KEYS>, program: string): RawSection {
  const plain = ctx.raw.sections.get(`program:${program}`);
  const fcgi = ctx.raw.sections.get(`fcgi-program:${program}`);
  if (plain && fcgi) {
    throw r.error(`[${r.name}] name ${program} is ambiguous (exists as program and fcgi-program)`, "programs", program);
  }
  if (!plain && !fcgi) throw r.error(`[${r.name}] names unknown program or fcgi-program ${program}`, "programs", program);
  return (plain ?? fcgi)!;
}
