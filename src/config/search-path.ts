// 4.2.5's search order for a config file when -c is not given. Its own module so that supervisorctl, which reads
// only [supervisorctl], can share it without loading the whole loader.
import { dirname, join, resolve } from "node:path";

/** The candidates in order, absolute: two beside the folder above the binary's folder, then the usual places. */
export function configSearchPaths(executable: string, cwd: string): string[] {
  const here = dirname(dirname(executable));
  return [
    join(here, "etc", "supervisord.conf"),
    join(here, "supervisord.conf"),
    "supervisord.conf",
    "etc/supervisord.conf",
    "/etc/supervisord.conf",
    "/etc/supervisor/supervisord.conf",
  ].map((p) => resolve(cwd, p));
}
