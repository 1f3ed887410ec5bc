import { describe, expect, test } from "bun:test";
import { parse as parseToml } from "smol-toml";
import { type SampleEntry, sampleEntries, sampleIni, sampleToml } from "../../../src/config/sample";
import { REFERENCE_SKIP_REASON, refBin } from "../../support/reference";

/** The settings of a sample file: each [section] and key=value line, whether live or commented out with ";". */
function settingsOf(text: string): SampleEntry[] {
  const out: SampleEntry[] = [];
  let section: { name: string; active: boolean } | null = null;
  for (const line of text.split("\n")) {
    const active = !line.startsWith(";");
    const body = active ? line : line.slice(1);
    const header = /^\[([^\]]+)\]/.exec(body);
    if (header) {
      section = { name: header[1]!, active };
      continue;
    }
    const setting = /^([A-Za-z_][\w.]*)\s*=\s*(.*?)(?:\s+;.*)?$/.exec(body);
    if (setting && section) {
      out.push({ section: section.name, key: setting[1]!, value: setting[2]!, active: active && section.active });
    }
  }
  return out;
}

test("the INI rendering holds exactly the sample's table", () => {
  expect(settingsOf(sampleIni())).toEqual(sampleEntries());
});

// Skipped, with the reason in its name, when the reference is not installed.
test.skipIf(REFERENCE_SKIP_REASON !== null)(
  `every section, key, example value and commented-out state matches 4.2.5's echo_supervisord_conf${
    REFERENCE_SKIP_REASON ? ` (skipped: ${REFERENCE_SKIP_REASON})` : ""
  }`,
  async () => {
    const reference = await new Response(Bun.spawn([refBin("echo_supervisord_conf")]).stdout).text();
    expect(settingsOf(reference).length).toBeGreaterThan(90);
    expect(sampleEntries()).toEqual(settingsOf(reference));
  },
  30_000, // the reference is a Python start-up, slow on a busy machine
);

describe("TOML rendering", () => {
  const live = sampleEntries().filter((e) => e.active);

  test("its live settings are the INI sample's live settings, sections 1:1", () => {
    const doc = parseToml(sampleToml()) as Record<string, Record<string, unknown>>;
    const flattened: SampleEntry[] = [];
    for (const [name, body] of Object.entries(doc)) {
      // [rpcinterface.supervisor] is the TOML spelling of [rpcinterface:supervisor].
      const tables = name === "rpcinterface" ? Object.entries(body).map(([k, v]) => [`${name}:${k}`, v]) : [[name, body]];
      for (const [section, keys] of tables as [string, Record<string, unknown>][]) {
        for (const [key, value] of Object.entries(keys)) flattened.push({ section, key, value: String(value), active: true });
      }
    }
    expect(flattened).toEqual(live);
  });

  test("numbers and booleans are TOML values; sizes, modes and lists stay strings", () => {
    const doc = parseToml(sampleToml()) as { supervisord: Record<string, unknown> };
    expect(doc.supervisord.minfds).toBe(1024);
    expect(doc.supervisord.nodaemon).toBe(false);
    expect(doc.supervisord.logfile_maxbytes).toBe("50MB");
    expect(sampleToml()).toContain(`# umask = "022"`);
    expect(sampleToml()).toContain(`# environment = 'A="1",B="2"'`);
    expect(sampleToml()).toContain("# [program.theprogramname]");
  });
});
