// supervisord --install-links [DIR]: makes the supervisorctl and echo_supervisord_conf links to this binary, so a
// server where nobody can run `ln` still gets the argv[0] faces. Says what it did for each link.
import { lstatSync, readlinkSync, realpathSync, symlinkSync } from "node:fs";
import { basename, dirname, resolve } from "node:path";
import { writeErr, writeOut } from "./output";

const LINKED_FACES = ["supervisorctl", "echo_supervisord_conf"] as const;

/**
 * The binary as the user invoked it, so the links land beside the name on their PATH even when that name is
 * itself a link to the release file elsewhere.
 */
function invokedBinary(): string {
  const argv0 = process.argv0;
  if (argv0.includes("/")) return resolve(argv0);
  return Bun.which(argv0) ?? process.execPath;
}

/** Returns the exit code: 0 when both links are in place, 1 when one could not be made. */
export function installLinks(dir: string | null, binary: string = invokedBinary()): number {
  const folder = resolve(dir ?? dirname(binary));
  // Beside the binary a relative target keeps the pair movable; elsewhere the link needs the full path.
  const target = folder === dirname(binary) ? basename(binary) : binary;
  let failed = false;
  for (const face of LINKED_FACES) {
    const link = `${folder}/${face}`;
    const result = placeLink(link, target, binary);
    if (result.ok) writeOut(`${result.message}\n`);
    else {
      writeErr(`Error: ${result.message}\n`);
      failed = true;
    }
  }
  return failed ? 1 : 0;
}

function sameFile(a: string, b: string): boolean {
  try {
    return realpathSync(a) === realpathSync(b);
  } catch {
    return false; // a dangling link is not ours
  }
}

function placeLink(link: string, target: string, binary: string): { ok: boolean; message: string } {
  let existing: string | null = null;
  try {
    const st = lstatSync(link);
    existing = st.isSymbolicLink() ? readlinkSync(link) : "";
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOENT") return { ok: false, message: `${link}: ${(e as Error).message}` };
  }
  if (existing !== null) {
    if (existing !== "" && sameFile(link, binary)) {
      return { ok: true, message: `${link} -> ${existing} (already there)` };
    }
    // Never replace someone else's file: it may be 4.2.5's own supervisorctl.
    const what = existing === "" ? "a file that is not a link" : `a link to ${existing}`;
    return { ok: false, message: `${link} exists and is ${what}; remove it first to link it to ${binary}` };
  }
  try {
    symlinkSync(target, link);
  } catch (e) {
    return { ok: false, message: `cannot create ${link}: ${(e as Error).message}` };
  }
  return { ok: true, message: `created ${link} -> ${target}` };
}
