// The hidden `supervisord --exec-as …` mode: the first step of a user= child (see src/platform/exec-as.ts). It
// never returns when the exec succeeds; otherwise it says why on stderr and exits 127, as 4.2.5's child does.
import { writeSync } from "node:fs";
import { execAs, parseExecAs } from "../platform/exec-as";

export function main(words: string[]): number {
  let lines: string[];
  try {
    lines = execAs(parseExecAs(words));
  } catch (err) {
    lines = [`${(err as Error).message}\n`];
  }
  for (const line of lines) writeSync(2, line);
  return 127;
}
