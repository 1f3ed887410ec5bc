import { expect, test } from "bun:test";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { localDate, zoneFor, zoneOffset } from "../../../src/platform/localtime";
import { parsePosixTz, posixOffset } from "../../../src/platform/posix-tz";
import { makeTmpDir } from "../../support/tmp";

const at = (iso: string) => Date.parse(iso) / 1000;
const zoneinfo = "/usr/share/zoneinfo";
const hasZoneinfo = Bun.file(`${zoneinfo}/Europe/Paris`).size > 0;

test("a POSIX rule: standard and summer time, the changes at their local hour", () => {
  const ny = parsePosixTz("EST5EDT,M3.2.0,M11.1.0")!;
  expect(posixOffset(ny, at("2026-01-15T12:00:00Z"))).toBe(-5 * 3600);
  expect(posixOffset(ny, at("2026-07-15T12:00:00Z"))).toBe(-4 * 3600);
  // 2026-03-08 02:00 EST is 07:00 UTC; 2026-11-01 02:00 EDT is 06:00 UTC.
  expect(posixOffset(ny, at("2026-03-08T06:59:59Z"))).toBe(-5 * 3600);
  expect(posixOffset(ny, at("2026-03-08T07:00:00Z"))).toBe(-4 * 3600);
  expect(posixOffset(ny, at("2026-11-01T05:59:59Z"))).toBe(-4 * 3600);
  expect(posixOffset(ny, at("2026-11-01T06:00:00Z"))).toBe(-5 * 3600);
});

test("a southern rule (summer across the new year), Julian days, quoted names and odd offsets", () => {
  const sydney = parsePosixTz("AEST-10AEDT,M10.1.0,M4.1.0/3")!;
  expect(posixOffset(sydney, at("2026-01-10T00:00:00Z"))).toBe(11 * 3600);
  expect(posixOffset(sydney, at("2026-06-10T00:00:00Z"))).toBe(10 * 3600);
  expect(posixOffset(parsePosixTz("<+0330>-3:30")!, 0)).toBe(3.5 * 3600);
  expect(posixOffset(parsePosixTz("JST-9")!, at("2026-07-01T00:00:00Z"))).toBe(9 * 3600);
  const julian = parsePosixTz("XST3XDT,J60/0,J300/0")!; // J60 is March 1st even in a leap year
  expect(posixOffset(julian, at("2028-03-01T02:59:59Z"))).toBe(-3 * 3600);
  expect(posixOffset(julian, at("2028-03-01T03:00:00Z"))).toBe(-2 * 3600);
  // A summer name without dates takes New York's rules, as glibc's posixrules does.
  expect(posixOffset(parsePosixTz("EST5EDT")!, at("2026-07-15T12:00:00Z"))).toBe(-4 * 3600);
});

test("what is not a rule is not taken for one", () => {
  for (const bad of ["", "E5", "EST", "EST+", "EST99", "EST5EDT,M13.1.0,M1.1.0"]) {
    const rule = parsePosixTz(bad);
    expect(rule === null || rule.dst === null).toBe(true);
  }
  expect(parsePosixTz("EST")).toBeNull();
});

test("TZ as glibc reads it: empty is UTC, nonsense is UTC, a rule with no zone file is the rule", () => {
  expect(zoneOffset(zoneFor(""), at("2026-07-01T00:00:00Z"))).toBe(0);
  expect(zoneOffset(zoneFor("Not/A_Zone"), at("2026-07-01T00:00:00Z"))).toBe(0);
  expect(zoneOffset(zoneFor("ABC-5:45", "/nonexistent"), 0)).toBe(5.75 * 3600);
});

test.skipIf(!hasZoneinfo)("zone files: transitions, the footer rule beyond them, the first standard type before them", () => {
  const paris = zoneFor("Europe/Paris");
  expect(zoneOffset(paris, at("2026-01-15T12:00:00Z"))).toBe(3600);
  expect(zoneOffset(paris, at("2026-07-15T12:00:00Z"))).toBe(7200);
  expect(zoneOffset(paris, at("2099-07-15T12:00:00Z"))).toBe(7200);
  expect(zoneOffset(paris, at("1800-01-01T00:00:00Z"))).toBe(561); // Paris mean time
  expect(zoneOffset(zoneFor(":Europe/Paris"), at("2026-07-15T12:00:00Z"))).toBe(7200);
  expect(zoneOffset(zoneFor(`${zoneinfo}/Asia/Kolkata`), 0)).toBe(19800);
});

test("a TZDIR with its own zone file, and a file that is not TZif falls back to the rule reading", () => {
  const tmp = makeTmpDir("sv-tz-");
  try {
    writeFileSync(join(tmp.dir, "EST5"), "not a zone file");
    expect(zoneOffset(zoneFor("EST5", tmp.dir), 0)).toBe(-5 * 3600);
  } finally {
    tmp.cleanup();
  }
});

test("localDate follows TZ", () => {
  const before = process.env.TZ;
  try {
    process.env.TZ = "ABC-5:45";
    expect(localDate(0).toISOString()).toBe("1970-01-01T05:45:00.000Z");
    process.env.TZ = "UTC0";
    expect(localDate(0).toISOString()).toBe("1970-01-01T00:00:00.000Z");
  } finally {
    if (before === undefined) delete process.env.TZ;
    else process.env.TZ = before;
  }
});

const python = Bun.which("python3");
test.skipIf(!python || !hasZoneinfo)("the same offsets as glibc's localtime() (through python3), across years and zones", () => {
  const zones = ["Europe/Paris", "America/New_York", "Australia/Sydney", "Asia/Tehran", "America/Sao_Paulo", "Africa/Casablanca", "Asia/Kolkata", "",
    "Pacific/Chatham", "Europe/Dublin", "EST5EDT", "CET", "UTC", "<+0530>-5:30", "AEST-10AEDT,M10.1.0,M4.1.0/3", "XST3XDT,J60/0,J300/0"];
  const instants: number[] = [];
  for (let t = at("1890-01-01T00:00:00Z"); t < at("2110-01-01T00:00:00Z"); t += 86400 * 97 + 3607) instants.push(t);
  const script = `import os,sys,time\nts=[int(x) for x in sys.stdin.read().split()]\nfor z in sys.argv[1:]:\n os.environ['TZ']=z; time.tzset(); print(' '.join(str(time.localtime(t).tm_gmtoff) for t in ts))`;
  const out = Bun.spawnSync([python!, "-c", script, ...zones], { stdin: new TextEncoder().encode(instants.join(" ")) });
  const rows = out.stdout.toString().trim().split("\n");
  zones.forEach((z, i) => {
    const zone = zoneFor(z);
    const ours = instants.map((t) => zoneOffset(zone, t)).join(" ");
    expect(`${z}: ${ours}`).toBe(`${z}: ${rows[i]}`);
  });
}, 30_000); // python3 itself may take seconds to start on a busy machine
