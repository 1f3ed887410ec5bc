// help (the topic table and per-command help), and the ways out of the shell: quit, exit and EOF.
import type { Controller } from "../controller";
import type { Command } from "./command";

const HEADER = "default commands (type help <topic>):";

/** Python cmd.Cmd.columnize: the fewest rows whose columns, two spaces apart, fit in the width. */
export function columnize(items: string[], width: number): string[] {
  if (!items.length) return ["<empty>"];
  if (items.length === 1) return [items[0]];
  const size = items.length;
  let rows = size;
  let widths: number[] = [0];
  for (let nrows = 1; nrows < size; nrows++) {
    const ncols = Math.ceil(size / nrows);
    const colWidths: number[] = [];
    let total = -2;
    for (let col = 0; col < ncols; col++) {
      const column = items.slice(col * nrows, col * nrows + nrows);
      colWidths.push(Math.max(0, ...column.map((x) => x.length)));
      total += colWidths[col] + 2;
      if (total > width) break;
    }
    if (total <= width) {
      rows = nrows;
      widths = colWidths;
      break;
    }
  }
  const lines: string[] = [];
  for (let row = 0; row < rows; row++) {
    const texts: string[] = [];
    for (let col = 0; col < widths.length; col++) texts.push(items[row + rows * col] ?? "");
    while (texts.length && !texts[texts.length - 1]) texts.pop();
    lines.push(texts.map((t, col) => t.padEnd(widths[col])).join("  "));
  }
  return lines;
}

function leave(ctl: Controller): boolean {
  ctl.output("");
  return true;
}

export const help: Command = {
  name: "help",
  help: "help\t\tPrint a list of available actions\nhelp <action>\tPrint help for <action>",
  async run(ctl, arg) {
    const topic = arg.trim();
    if (topic === "help") return ctl.output(help.help);
    if (topic) {
      const command = ctl.commands.get(topic);
      ctl.output(command && !command.hidden && command !== help ? command.help : `*** No help on ${topic}`);
      return;
    }
    const names = [...ctl.commands.values()].filter((c) => !c.hidden && c !== help).map((c) => c.name).sort();
    ctl.output("");
    ctl.output(HEADER);
    ctl.output("=".repeat(HEADER.length));
    for (const line of columnize(names, 79)) ctl.output(line);
    ctl.output("");
  },
};

export const quit: Command = { name: "quit", help: "quit\tExit the supervisor shell.", run: async (ctl) => leave(ctl) };
export const exit: Command = { name: "exit", help: "exit\tExit the supervisor shell.", run: async (ctl) => leave(ctl) };
export const eof: Command = { name: "EOF", help: "", hidden: true, run: async (ctl) => leave(ctl) };
