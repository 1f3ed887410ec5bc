// The interactive shell: runs `status` first, then reads commands at the prompt with line editing, history
// (loaded from and saved to history_file) and tab completion of commands, groups and process names.
import { readFileSync, writeFileSync } from "node:fs";
import type { Controller } from "./controller";

interface NameInfo {
  name: string;
  group: string;
}

const GROUP_COMMANDS = ["add", "remove", "update"];
const PROCESS_COMMANDS = ["clear", "fg", "pid", "restart", "signal", "start", "status", "stop", "tail"];

/** Completion as 4.2.5 offers it; the process list is fetched once per command line typed. */
export class Completer {
  private cache: NameInfo[] | null = null;

  constructor(private readonly ctl: Controller) {}

  forget(): void {
    this.cache = null;
  }

  private async infos(): Promise<NameInfo[]> {
    this.cache ??= (await this.ctl.callAny("supervisor.getAllProcessInfo")) as NameInfo[];
    return this.cache;
  }

  private actions(text: string): string[] {
    const names = [...this.ctl.commands.values()].filter((c) => !c.hidden).map((c) => c.name);
    return names.filter((n) => n.startsWith(text)).map((n) => `${n} `);
  }

  async complete(line: string): Promise<[string[], string]> {
    const text = /\S*$/.exec(line)![0];
    const words = line.split(/\s+/).filter(Boolean);
    let matches: string[] = [];
    if (!line.trim() || (words.length === 1 && !/\s$/.test(line)) || words[0] === "help") {
      matches = this.actions(text);
    } else if (GROUP_COMMANDS.includes(words[0])) {
      const groups = [...new Set((await this.infos()).map((i) => i.group))];
      matches = groups.filter((g) => g.startsWith(text)).map((g) => `${g} `);
    } else if (PROCESS_COMMANDS.includes(words[0])) {
      const names: string[] = [];
      for (const i of await this.infos()) {
        if (text.includes(":") || i.name !== i.group) {
          names.push(`${i.group}:${i.name}`);
          if (!names.includes(`${i.group}:*`)) names.push(`${i.group}:*`);
        } else {
          names.push(i.name);
        }
      }
      matches = names.filter((n) => n.startsWith(text)).map((n) => `${n} `);
    }
    return [matches, text];
  }
}

/** GNU readline's history file: one entry per line, oldest first. Unreadable files start an empty history. */
export function loadHistory(file: string | null): string[] {
  if (!file) return [];
  try {
    return readFileSync(file, "utf8").split("\n").filter((l) => l && l !== "_HiStOrY_V2_").reverse();
  } catch {
    return [];
  }
}

export function saveHistory(file: string | null, newestFirst: string[]): void {
  if (!file) return;
  try {
    writeFileSync(file, newestFirst.length ? `${[...newestFirst].reverse().join("\n")}\n` : "");
  } catch {
    // 4.2.5 ignores a history file it cannot write.
  }
}

/** The read-run loop. Ends at EOF, quit, exit or Ctrl-C; the shell's own exit status is always 0. */
export async function runShell(ctl: Controller, completer: Completer): Promise<void> {
  await ctl.onecmd("status");
  for (;;) {
    const line = await ctl.term.ask(`${ctl.settings.prompt}> `);
    if (line === null) {
      ctl.output("");
      return;
    }
    completer.forget();
    if (await ctl.onecmd(line)) return;
  }
}
