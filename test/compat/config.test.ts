// Differential test of the config model: every file of test/fixtures/config/ is loaded by the reference's own
// parser (ServerOptions, through test/compat/config/dump_reference.py) and by ours, and the results must match in
// the shape of test/compat/config/shape.ts. A bad file states in its first lines what we must say and what the
// reference says:
//   ; expect-error: section=program:x key=autorestart
//   ; reference-error: invalid 'autorestart' value          (a substring of the reference's message)
//   ; reference: accepts -- why                             (a deliberate difference, listed in the README)
// Every good INI file is also translated to TOML (iniToToml) and must load to the same result; a hand-written
// .toml file names its INI twin with "# same-as: twin.conf".
import { beforeAll, describe, expect, test } from "bun:test";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ConfigError, iniToToml, loadConfig, parseConfigText } from "../../src/config";
import { FIXTURE_CONFIG } from "../support/paths";
import { REFERENCE_SITE, REFERENCE_SKIP_REASON } from "../support/reference";
import { testEnv } from "../support/run";
import { configShape } from "./config/shape";

const ENV = testEnv({ FIXTURE_VAR: "from-env", ...(REFERENCE_SITE ? { PYTHONPATH: REFERENCE_SITE } : {}) });
const HOSTNAME = "testhost"; // dump_reference.py pins platform.node() to the same
const files = readdirSync(FIXTURE_CONFIG).filter((f) => /\.(conf|toml)$/.test(f)).sort();

interface Header {
  expectError?: { section: string | null; key: string | null };
  referenceError?: string;
  referenceAccepts?: boolean;
  sameAs?: string;
}

function header(text: string): Header {
  const h: Header = {};
  for (const line of text.split("\n").slice(0, 6)) {
    const m = /^[;#]\s*([a-z-]+):\s*(.*)$/.exec(line.trim());
    if (!m) continue;
    const [, tag, value] = m as unknown as [string, string, string];
    if (tag === "expect-error") {
      const field = (n: string) => {
        const v = new RegExp(`${n}=(\\S+)`).exec(value)?.[1];
        return v === undefined || v === "-" ? null : v;
      };
      h.expectError = { section: field("section"), key: field("key") };
    } else if (tag === "reference-error") h.referenceError = value;
    else if (tag === "reference") h.referenceAccepts = value.startsWith("accepts");
    else if (tag === "same-as") h.sameAs = value;
  }
  return h;
}

function ours(file: string) {
  return loadConfig({ file: join(FIXTURE_CONFIG, file), cwd: FIXTURE_CONFIG, executable: "/nonexistent/bin/supervisord", env: ENV, hostname: HOSTNAME });
}

let reference: Record<string, Record<string, unknown>> = {};

beforeAll(() => {
  if (!REFERENCE_SITE) return;
  const inis = files.filter((f) => f.endsWith(".conf")).map((f) => join(FIXTURE_CONFIG, f));
  const proc = Bun.spawnSync(["python3", join(import.meta.dir, "config", "dump_reference.py"), ...inis], {
    cwd: FIXTURE_CONFIG,
    env: ENV,
  });
  if (proc.exitCode !== 0) throw new Error(`dump_reference.py failed: ${proc.stderr.toString()}`);
  reference = JSON.parse(proc.stdout.toString());
}, 60_000); // one python3 run for the whole corpus; slow on a loaded machine

test("the corpus has at least 40 files, good and bad", () => {
  expect(files.length).toBeGreaterThanOrEqual(40);
  const bad = files.filter((f) => header(readFileSync(join(FIXTURE_CONFIG, f), "utf8")).expectError);
  expect(bad.length).toBeGreaterThan(15);
  expect(files.length - bad.length).toBeGreaterThan(15);
});

describe.skipIf(!REFERENCE_SITE)(`config fixtures against the reference${REFERENCE_SKIP_REASON ? ` (${REFERENCE_SKIP_REASON})` : ""}`, () => {
  for (const file of files) {
    const text = readFileSync(join(FIXTURE_CONFIG, file), "utf8");
    const h = header(text);
    const ref = () => reference[join(FIXTURE_CONFIG, h.sameAs ?? file)]!;
    if (h.expectError) {
      test(`${file}: refused at ${h.expectError.section ?? "-"} ${h.expectError.key ?? ""}`, () => {
        let error: unknown;
        try {
          ours(file);
        } catch (e) {
          error = e;
        }
        expect(error).toBeInstanceOf(ConfigError);
        const e = error as ConfigError;
        expect({ section: e.section, key: e.key }).toEqual(h.expectError!);
        expect(e.message).not.toContain("\n");
        if (file.endsWith(".toml")) return;
        if (h.referenceAccepts) expect(ref().error).toBeUndefined();
        else {
          expect(ref().error).toBeString();
          expect(ref().error as string).toContain(h.referenceError!);
        }
      });
      continue;
    }
    test(`${file}: same result as the reference`, () => {
      expect(ref().error).toBeUndefined();
      expect(configShape(ours(file))).toEqual(ref());
    });
    if (file.endsWith(".conf")) {
      test(`${file}: its TOML twin loads the same`, () => {
        const twin = parseConfigText(iniToToml(text), {
          file: join(FIXTURE_CONFIG, file.replace(/\.conf$/, ".twin.toml")),
          cwd: FIXTURE_CONFIG,
          env: ENV,
          hostname: HOSTNAME,
        });
        expect(configShape(twin)).toEqual(ref());
      });
    }
  }
});
