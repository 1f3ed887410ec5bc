import { basename } from "node:path";
import { EXEC_AS_FLAG } from "../platform/exec-as-flag";
import { writeErr } from "./output";

export const FACES = ["supervisord", "supervisorctl", "echo_supervisord_conf"] as const;
export type Face = (typeof FACES)[number];

/** The face a name selects: the name itself, or a name with a suffix such as the release file supervisord-linux-x64. */
export function faceOf(argv0: string): Face | undefined {
  const name = basename(argv0);
  return FACES.find((face) => name === face || name.startsWith(`${face}-`));
}

export async function dispatch(argv0: string, args: string[]): Promise<never> {
  const face = faceOf(argv0);
  let code: number;
  switch (face) {
    case "supervisord":
      // A user= child's first step (src/platform/exec-as.ts): lean, it loads nothing of the daemon.
      if (args[0] === EXEC_AS_FLAG) code = (await import("./exec-as")).main(args.slice(1));
      else code = await (await import("./supervisord")).main(args);
      break;
    case "supervisorctl":
      code = await (await import("./supervisorctl")).main(args);
      break;
    case "echo_supervisord_conf":
      code = await (await import("./echo_supervisord_conf")).main(args);
      break;
    default:
      writeErr(
        `usage: invoke this binary as supervisord, supervisorctl or echo_supervisord_conf (got '${basename(argv0)}')\n`,
      );
      code = 2;
  }
  process.exit(code);
}
