import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { asctime, formatLine, MainLog, type MainLogSettings } from "../../../src/logs/main-log";
import { makeTmpDir } from "../../support/tmp";

let tmp: { dir: string; cleanup: () => void };
let path: string;
let stdout: string[];
const T = Date.UTC(2026, 10, 25, 16, 5, 0, 123);
beforeEach(() => {
  tmp = makeTmpDir("sv-mainlog-");
  path = join(tmp.dir, "supervisord.log");
  stdout = [];
});
afterEach(() => tmp.cleanup());

function make(over: Partial<MainLogSettings> = {}, syslog?: (l: string) => void): MainLog {
  const log = new MainLog({ now: () => T, stdout: (t) => stdout.push(t), syslog });
  log.open({ logfile: path, maxbytes: 0, backups: 0, level: "info", echoStdout: false, ...over });
  return log;
}
const file = () => readFileSync(path, "utf8");

describe("line format", () => {
  test("asctime is local time with comma milliseconds", () => {
    const d = new Date(T);
    const expected = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")} ${String(d.getHours()).padStart(2, "0")}:${String(d.getMinutes()).padStart(2, "0")}:${String(d.getSeconds()).padStart(2, "0")},123`;
    expect(asctime(T)).toBe(expected);
    expect(asctime(Date.UTC(2026, 0, 2, 3, 4, 5, 6) + new Date(2026, 0, 2).getTimezoneOffset() * 60_000)).toBe("2026-01-02 03:04:05,006");
  });

  test("`<asctime> <LEVEL> <message>` with 4.2.5's four-letter level names", () => {
    const log = make({ level: "blather" });
    log.critical("c");
    log.error("e");
    log.warn("w");
    log.info("spawned: 'x' with pid 123");
    log.debug("d");
    log.trace("t");
    log.blather("b");
    log.close();
    const stamp = asctime(T);
    expect(file()).toBe(
      ["CRIT c", "ERRO e", "WARN w", "INFO spawned: 'x' with pid 123", "DEBG d", "TRAC t", "BLAT b"]
        .map((l) => `${stamp} ${l}\n`)
        .join(""),
    );
  });

  test("a line's time is asctime's, across second boundaries (the date part is reused within a second)", () => {
    for (const d of [0, 998, 999, 1000, 1001, 2999, 3000, 86_400_000, 86_400_001, 3]) {
      expect(formatLine(20, T + d, "x")).toBe(`${asctime(T + d)} INFO x\n`);
    }
  });

  test("loglevel filters, and isEnabledFor agrees", () => {
    const log = make({ level: "warn" });
    log.info("no");
    log.warn("yes");
    expect(log.isEnabledFor(20)).toBe(false);
    expect(log.isEnabledFor(30)).toBe(true);
    log.close();
    expect(file()).toBe(`${asctime(T)} WARN yes\n`);
  });
});

describe("batched writes", () => {
  const turn = () => new Promise((resolve) => setImmediate(resolve));

  test("the lines of one turn reach the file and stdout together, once the turn is over", async () => {
    const log = make({ echoStdout: true });
    log.info("one");
    log.info("two");
    expect(file()).toBe("");
    await turn();
    expect(file()).toBe(`${asctime(T)} INFO one\n${asctime(T)} INFO two\n`);
    expect(stdout).toEqual([file()]);
    log.close();
  });

  test("a batch rotates after the same line as one write per line would", async () => {
    const log = make({ maxbytes: 100, backups: 3 });
    for (let i = 0; i < 7; i++) log.info(`message number ${i}`); // 48 bytes a line: rotate after lines 2 and 5
    await turn();
    expect(readFileSync(`${path}.2`, "utf8").split("\n").filter(Boolean).map((l) => l.slice(29))).toEqual(["message number 0", "message number 1", "message number 2"]);
    expect(readFileSync(`${path}.1`, "utf8").split("\n").filter(Boolean).map((l) => l.slice(29))).toEqual(["message number 3", "message number 4", "message number 5"]);
    expect(file().slice(29)).toBe("message number 6\n");
    log.close();
  });
});

describe("start-up buffer", () => {
  test("lines logged before open() are written on open: critical first, then warnings, then the rest", () => {
    const log = new MainLog({ now: () => T, stdout: () => {} });
    log.info("Set uid to user 1000 succeeded");
    log.warn("Included extra file");
    log.critical("Supervisor is running as root.");
    log.debug("dropped at info");
    log.open({ logfile: path, maxbytes: 0, backups: 0, level: "info", echoStdout: false });
    log.info("supervisord started with pid 1");
    log.close();
    expect(file().split("\n").map((l) => l.slice(24))).toEqual([
      "CRIT Supervisor is running as root.",
      "WARN Included extra file",
      "INFO Set uid to user 1000 succeeded",
      "INFO supervisord started with pid 1",
      "",
    ]);
  });
});

describe("targets", () => {
  test("nodaemon and not silent: every line also goes to stdout, before the file", () => {
    const log = make({ echoStdout: true });
    log.info("hello");
    log.close();
    expect(stdout).toEqual([`${asctime(T)} INFO hello\n`]);
    expect(file()).toBe(stdout[0]!);
  });

  test("logfile=/dev/stdout with a maxbytes: no rotation, no 'Illegal seek'", async () => {
    const script = join(tmp.dir, "dev-stdout.ts");
    writeFileSync(
      script,
      `import { MainLog } from ${JSON.stringify(join(import.meta.dir, "../../../src/logs/main-log.ts"))};
       const log = new MainLog();
       log.open({ logfile: "/dev/stdout", maxbytes: 10, backups: 2, level: "info", echoStdout: false });
       for (let i = 0; i < 5; i++) log.info("line " + i);
       log.close();`,
    );
    const p = Bun.spawn([process.execPath, script], { stdout: "pipe", stderr: "pipe", env: { ...process.env, TZ: "UTC" } });
    const [out, err, code] = await Promise.all([new Response(p.stdout).text(), new Response(p.stderr).text(), p.exited]);
    expect(err).toBe("");
    expect(code).toBe(0);
    expect(out.split("\n").filter(Boolean).map((l) => l.slice(24))).toEqual([0, 1, 2, 3, 4].map((i) => `INFO line ${i}`));
  });

  test("logfile=syslog: one message per line, with time and level", () => {
    const sent: string[] = [];
    const log = new MainLog({ now: () => T, stdout: () => {}, syslog: (l) => sent.push(l) });
    log.open({ logfile: "syslog", maxbytes: 0, backups: 0, level: "info", echoStdout: false });
    log.info("a\nb\n");
    expect(sent).toEqual([`${asctime(T)} INFO a`, `${asctime(T)} INFO b`]);
    expect(log.path).toBeNull();
  });

  test("rotates with maxbytes and backups", () => {
    const log = make({ maxbytes: 60, backups: 2 });
    for (let i = 0; i < 6; i++) log.info(`message number ${i}`); // 48 bytes a line
    log.close();
    expect(readFileSync(`${path}.2`, "utf8")).toContain("message number 2");
    expect(readFileSync(`${path}.1`, "utf8")).toContain("message number 4");
    expect(file()).toBe("");
    expect(existsSync(`${path}.3`)).toBe(false);
  });

  test("an unwritable logfile is an error from open()", () => {
    const log = new MainLog();
    expect(() => log.open({ logfile: join(tmp.dir, "no", "dir", "x.log"), maxbytes: 0, backups: 0, level: "info", echoStdout: false })).toThrow(
      /ENOENT/,
    );
  });
});

describe("reopen and clear", () => {
  test("reopen() logs 'supervisord logreopen' to the old file, then writes to a new one", () => {
    const log = make();
    log.info("before");
    renameSync(path, `${path}.old`);
    log.reopen();
    log.info("after");
    log.close();
    expect(readFileSync(`${path}.old`, "utf8")).toContain("INFO supervisord logreopen");
    expect(file()).toBe(`${asctime(T)} INFO after\n`);
  });

  test("clear() removes the file; 'reopening log file' goes once per target, all to the removed file", () => {
    const log = make({ echoStdout: true });
    log.info("old");
    log.clear();
    log.info("new");
    log.close();
    expect(file()).toBe(`${asctime(T)} INFO new\n`);
    const lines = stdout.join("").split("\n").filter(Boolean);
    expect(lines.map((l) => l.slice(24))).toEqual(["INFO old", "INFO reopening log file", "INFO reopening log file", "INFO new"]);
  });

  test("clear() without a file is NO_FILE", () => {
    const log = new MainLog({ stdout: () => {}, syslog: () => {} });
    log.open({ logfile: "syslog", maxbytes: 0, backups: 0, level: "info", echoStdout: false });
    expect(() => log.clear()).toThrow(/^NO_FILE$/);
  });
});
