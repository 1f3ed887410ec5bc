// The shape every supervisorctl command has: a name, its exact help text, and what it does with its argument.
import type { Controller } from "../controller";

export interface Command {
  name: string;
  /** Printed by `help <name>`, byte for byte as 4.2.5 prints it (a trailing newline is added on output). */
  help: string;
  /** Left out of the `help` topic list (EOF, which 4.2.5 handles outside its command plugin). */
  hidden?: boolean;
  /** Returns true when the shell should stop. */
  run(ctl: Controller, arg: string): Promise<boolean | void>;
}

/** Whitespace-separated words, as Python's str.split() makes them. */
export function words(arg: string): string[] {
  return arg.split(/\s+/).filter(Boolean);
}

/** Prints "Error: <what>" and the command's help, and sets the exit status. */
export function misuse(ctl: Controller, command: Command, message: string, status: number): void {
  ctl.output(message);
  ctl.exitstatus = status;
  ctl.output(command.help);
}
