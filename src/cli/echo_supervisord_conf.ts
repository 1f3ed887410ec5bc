// echo_supervisord_conf: prints the sample config (INI, or TOML with --toml) to stdout.
import { sampleIni, sampleToml } from "../config/sample";
import { writeErr, writeOut } from "./output";

const USAGE = `Usage: echo_supervisord_conf [--toml]

Print a sample supervisord configuration to stdout, e.g.
  echo_supervisord_conf > /etc/supervisord.conf

--toml -- print it in TOML instead of INI
-h/--help -- show this message and exit
`;

export async function main(args: string[]): Promise<number> {
  let toml = false;
  for (const arg of args) {
    if (arg === "-h" || arg === "--help") {
      writeOut(USAGE);
      return 0;
    }
    if (arg !== "--toml") {
      // 4.2.5 ignores its arguments; we refuse them so that a mistyped --toml is not silently INI.
      writeErr(`Error: unknown argument '${arg}'\nFor help, use echo_supervisord_conf -h\n`);
      return 2;
    }
    toml = true;
  }
  writeOut(toml ? sampleToml() : sampleIni());
  return 0;
}
