// Every supervisorctl command of 4.2.5, by name.
import type { Command } from "./command";
import { add, avail, remove, reread, update } from "./config-changes";
import { open, reload, shutdown, version } from "./daemon";
import { fg } from "./fg";
import { eof, exit, help, quit } from "./help";
import { clear, maintail, tail } from "./logs";
import { restart, signal, start, stop } from "./start-stop";
import { pid, status } from "./status";

export const COMMANDS: ReadonlyMap<string, Command> = new Map(
  [add, avail, clear, eof, exit, fg, help, maintail, open, pid, quit, reload, remove, reread, restart, shutdown, signal,
    start, status, stop, tail, update, version].map((c) => [c.name, c]),
);
