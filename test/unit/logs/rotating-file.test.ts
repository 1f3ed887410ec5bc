import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { RotatingFile } from "../../../src/logs/rotating-file";
import { makeTmpDir } from "../../support/tmp";

const enc = (s: string) => new TextEncoder().encode(s);
let tmp: { dir: string; cleanup: () => void };
let path: string;
beforeEach(() => {
  tmp = makeTmpDir("sv-logs-");
  path = join(tmp.dir, "x.log");
});
afterEach(() => tmp.cleanup());

const read = (p: string) => (existsSync(p) ? readFileSync(p, "utf8") : null);

/** Writes each chunk as its own write (like one read from the child each), waiting for it to land. */
async function writeEach(f: RotatingFile, chunks: string[]): Promise<void> {
  for (const c of chunks) {
    f.write(enc(c));
    await f.flushed();
  }
}

describe("rotation", () => {
  test("rotates after the write that reaches maxbytes, not before", async () => {
    const f = await RotatingFile.open(path, { maxbytes: 10, backups: 3 });
    await writeEach(f, ["aaaa", "bbbb"]);
    expect(read(path)).toBe("aaaabbbb");
    expect(existsSync(`${path}.1`)).toBe(false);
    await writeEach(f, ["cc"]); // exactly 10: rotates
    expect(read(path)).toBe("");
    expect(read(`${path}.1`)).toBe("aaaabbbbcc");
    await writeEach(f, ["ddddddddddddd"]); // one write past maxbytes is kept whole
    expect(read(`${path}.1`)).toBe("ddddddddddddd");
    expect(read(`${path}.2`)).toBe("aaaabbbbcc");
    await f.close();
  });

  test("keeps exactly `backups` old files, shifting .1 … .N", async () => {
    const f = await RotatingFile.open(path, { maxbytes: 5, backups: 3 });
    await writeEach(f, ["11111", "22222", "33333", "44444", "55555", "666"]);
    expect(read(path)).toBe("666");
    expect(read(`${path}.1`)).toBe("55555");
    expect(read(`${path}.2`)).toBe("44444");
    expect(read(`${path}.3`)).toBe("33333");
    expect(existsSync(`${path}.4`)).toBe(false);
    await f.close();
  });

  test("backups=0 truncates in place", async () => {
    const f = await RotatingFile.open(path, { maxbytes: 5, backups: 0 });
    await writeEach(f, ["12345", "ab"]);
    expect(read(path)).toBe("ab");
    expect(existsSync(`${path}.1`)).toBe(false);
    await f.close();
  });

  test("maxbytes=0 never rotates", async () => {
    const f = await RotatingFile.open(path, { maxbytes: 0, backups: 3 });
    const big = "x".repeat(100_000);
    for (let i = 0; i < 20; i++) f.write(enc(big));
    await f.flushed();
    expect(statSync(path).size).toBe(2_000_000);
    expect(existsSync(`${path}.1`)).toBe(false);
    await f.close();
  });

  test("appends to an existing file and counts its size toward maxbytes", async () => {
    writeFileSync(path, "old!!!!!");
    const f = await RotatingFile.open(path, { maxbytes: 10, backups: 1 });
    await writeEach(f, ["new"]);
    expect(read(`${path}.1`)).toBe("old!!!!!new");
    expect(read(path)).toBe("");
    await f.close();
  });

  test("queued chunks are batched only up to the rotation point, and no byte is lost", async () => {
    const f = await RotatingFile.open(path, { maxbytes: 1000, backups: 50 });
    const chunk = "y".repeat(300);
    for (let i = 0; i < 40; i++) f.write(enc(chunk));
    await f.flushed();
    let total = statSync(path).size;
    for (let i = 1; existsSync(`${path}.${i}`); i++) {
      const size = statSync(`${path}.${i}`).size;
      expect(size).toBeGreaterThanOrEqual(1000);
      expect(size).toBeLessThan(1000 + 300);
      total += size;
    }
    expect(total).toBe(40 * 300);
    await f.close();
  });

  test("write() asks the writer to wait past the high-water mark, ready() resolves once drained", async () => {
    const f = await RotatingFile.open(path, { maxbytes: 0, backups: 0 });
    const chunk = new Uint8Array(256 * 1024);
    const answers = [f.write(chunk), f.write(chunk), f.write(chunk), f.write(chunk), f.write(chunk)];
    expect(answers).toContain(false);
    await f.ready();
    await f.flushed();
    expect(statSync(path).size).toBe(5 * 256 * 1024);
    await f.close();
  });
});

describe("the queue copies what it is given", () => {
  test("a caller may reuse its buffer at once; bytes put straight into spare() arrive too, in order", async () => {
    for (const maxbytes of [0, 100_000]) {
      const f = await RotatingFile.open(path, { maxbytes, backups: 20 });
      const reused = new Uint8Array(3000);
      let expected = "";
      for (let i = 0; i < 400; i++) {
        const text = `${i % 10}`.repeat(1000 + (i % 7) * 300);
        if (i % 2) {
          const room = f.spare(64 * 1024)!;
          const n = new TextEncoder().encodeInto(text, room).written;
          f.write(room.subarray(0, n));
        } else {
          reused.set(enc(text));
          f.write(reused.subarray(0, text.length));
          reused.fill(0x21); // overwritten at once, as a pipe reader's buffer is
        }
        expected += text;
        if (i % 50 === 0) await f.flushed();
      }
      await f.flushed();
      const files = [...Array.from({ length: 20 }, (_, i) => `${path}.${20 - i}`), path].filter(existsSync);
      expect(files.map((p) => readFileSync(p, "utf8")).join("")).toBe(expected);
      await f.close();
      for (const p of files) rmSync(p);
    }
  });
});

describe("reopen and clear", () => {
  test("reopen() after the file was moved away writes to a new file at the path", async () => {
    const f = await RotatingFile.open(path, { maxbytes: 0, backups: 0 });
    await writeEach(f, ["before\n"]);
    renameSync(path, `${path}.moved`);
    await f.reopen();
    await writeEach(f, ["after\n"]);
    expect(read(`${path}.moved`)).toBe("before\n");
    expect(read(path)).toBe("after\n");
    await f.close();
  });

  test("clear() empties the file and leaves backups alone", async () => {
    const f = await RotatingFile.open(path, { maxbytes: 4, backups: 2 });
    await writeEach(f, ["1234", "ab"]);
    await f.clear();
    expect(read(path)).toBe("");
    expect(read(`${path}.1`)).toBe("1234");
    await writeEach(f, ["c"]);
    expect(read(path)).toBe("c");
    await f.close();
  });

  test("sync mode: appendSync rotates like the async writer", () => {
    const f = RotatingFile.openSync(path, { maxbytes: 4, backups: 1 });
    f.appendSync(enc("12"));
    f.appendSync(enc("34"));
    f.appendSync(enc("5"));
    expect(read(`${path}.1`)).toBe("1234");
    expect(read(path)).toBe("5");
    f.closeSync();
  });

  test("when the file cannot be moved aside, rotation keeps appending instead of truncating", async () => {
    const errors: string[] = [];
    mkdirSync(`${path}.1`);
    writeFileSync(join(`${path}.1`, "occupied"), "");
    const f = await RotatingFile.open(path, { maxbytes: 4, backups: 1 }, (e) => errors.push(e.code ?? ""));
    await writeEach(f, ["1234", "56"]);
    expect(read(path)).toBe("123456");
    expect(errors.length).toBe(1);
    await f.close();
  });

  test("open() rejects with the open error", async () => {
    await expect(RotatingFile.open(join(tmp.dir, "no", "such", "dir.log"), { maxbytes: 0, backups: 0 })).rejects.toMatchObject({
      code: "ENOENT",
    });
  });

  test("a write error is reported once, with the path", async () => {
    const errors: string[] = [];
    const f = await RotatingFile.open("/dev/full", { maxbytes: 0, backups: 0 }, (e, p) => errors.push(`${p} ${e.code}`));
    await writeEach(f, ["a", "b", "c"]);
    expect(errors).toEqual(["/dev/full ENOSPC"]);
    await f.close();
  });
});

describe("targets that cannot seek are never rotated and never fail", () => {
  test("/dev/null with maxbytes=1", async () => {
    const errors: unknown[] = [];
    const f = await RotatingFile.open("/dev/null", { maxbytes: 1, backups: 2 }, (e) => errors.push(e));
    expect(f.isRegularFile).toBe(false);
    await writeEach(f, ["abc", "def"]);
    await f.clear(); // must not unlink /dev/null
    await f.reopen();
    await f.close();
    expect(errors).toEqual([]);
    expect(existsSync("/dev/null.1")).toBe(false);
    expect(statSync("/dev/null").isCharacterDevice()).toBe(true);
  });

  test("a FIFO: every byte reaches the reader, nothing is renamed", async () => {
    const fifo = join(tmp.dir, "fifo");
    expect(Bun.spawnSync(["mkfifo", fifo]).exitCode).toBe(0);
    const out = join(tmp.dir, "out");
    const reader = Bun.spawn(["sh", "-c", `cat "${fifo}" > "${out}"`]);
    const errors: unknown[] = [];
    const f = await RotatingFile.open(fifo, { maxbytes: 10, backups: 2 }, (e) => errors.push(e));
    const chunk = "z".repeat(4096);
    for (let i = 0; i < 64; i++) f.write(enc(chunk));
    await f.close();
    expect(await reader.exited).toBe(0);
    expect(statSync(out).size).toBe(64 * 4096);
    expect(existsSync(`${fifo}.1`)).toBe(false);
    expect(errors).toEqual([]);
  });

  test("/dev/stdout and /dev/stderr when they are pipes (a container's stdout)", async () => {
    const script = `
      import { RotatingFile } from ${JSON.stringify(join(import.meta.dir, "../../../src/logs/rotating-file.ts"))};
      const errors = [];
      for (const target of ["/dev/stdout", "/dev/stderr"]) {
        const f = await RotatingFile.open(target, { maxbytes: 5, backups: 3 }, (e) => errors.push(String(e)));
        for (let i = 0; i < 10; i++) f.write(new TextEncoder().encode(target.slice(5) + i + "\\n"));
        await f.close();
      }
      if (errors.length) throw new Error(errors.join());
    `;
    const file = join(tmp.dir, "write-std.ts");
    writeFileSync(file, script);
    const p = Bun.spawn([process.execPath, file], { stdout: "pipe", stderr: "pipe" });
    const [stdout, stderr, code] = await Promise.all([new Response(p.stdout).text(), new Response(p.stderr).text(), p.exited]);
    expect(code).toBe(0);
    expect(stdout).toBe(Array.from({ length: 10 }, (_, i) => `stdout${i}\n`).join(""));
    expect(stderr).toBe(Array.from({ length: 10 }, (_, i) => `stderr${i}\n`).join(""));
    expect(existsSync("/dev/stdout.1")).toBe(false);
  });
});
