// Each value type, with what 4.2.5's datatypes.py accepts and refuses (Python int() rules included).
import { describe, expect, test } from "bun:test";
import * as dt from "../../../src/config/datatypes";
import { BadValue } from "../../../src/config/errors";
import { fakeHost } from "./fake-host";

const host = fakeHost();
const refuses = (f: () => unknown) => expect(f).toThrow(BadValue);

describe("datatypes", () => {
  test("integer follows Python int(): spaces, sign and underscores, no floats or hex", () => {
    expect([" 5 ", "+5", "-5", "1_0", "007"].map(dt.integer)).toEqual([5, 5, -5, 10, 7]);
    for (const bad of ["", "1.5", "0x10", "abc", "1__0", "_1"]) refuses(() => dt.integer(bad));
  });

  test("boolean: true/false, yes/no, on/off, 1/0 in any case", () => {
    expect(["true", "YES", "On", "1"].map(dt.boolean)).toEqual([true, true, true, true]);
    expect(["false", "No", "OFF", "0"].map(dt.boolean)).toEqual([false, false, false, false]);
    for (const bad of ["maybe", "", " yes", "2"]) refuses(() => dt.boolean(bad));
  });

  test("autorestart: a boolean or unexpected", () => {
    expect(["true", "off", "Unexpected"].map(dt.autoRestart)).toEqual(["true", "false", "unexpected"]);
    refuses(() => dt.autoRestart("maybe"));
  });

  test("byte sizes: KB, MB, GB in any case, else a plain integer", () => {
    expect(["1kb", "1KB", "2Mb", "1GB", "12345", " 5 ", "-1mb", "0KB"].map(dt.byteSize)).toEqual([
      1024, 1024, 2097152, 1073741824, 12345, 5, -1048576, 0,
    ]);
    for (const bad of ["12XB", "1.5MB", "1M", "", "kb"]) refuses(() => dt.byteSize(bad));
  });

  test("signals by name (with or without SIG, any case), alias or number", () => {
    expect(["TERM", "sigterm", " kill ", "SIGhup", "9", "IOT", "cld", "rtmin"].map(dt.signal)).toEqual([
      "TERM", "TERM", "KILL", "HUP", "KILL", "ABRT", "CHLD", "RTMIN",
    ]);
    for (const bad of ["FOO", "SIG", "32", "99", "-1", "65", "0x9", "DFL", ""]) refuses(() => dt.signal(bad));
    // 4.2.5 accepts any number its signal module has a SIG* constant for, the handler constants SIG_DFL = 0 and
    // SIG_IGN = 1 among them, and the names of those constants.
    expect(["0", "-0", "64", "_DFL", "SIG_IGN", "_setmask"].map(dt.signal)).toEqual(["0", "0", "RTMAX", "0", "HUP", "INT"]);
    expect(dt.signalNumber("0")).toBe(0);
    expect(dt.signalNumber("USR2")).toBe(12);
  });

  test("octal: with or without 0 / 0o prefix", () => {
    expect(["022", "0o22", "777", " 7", "-7"].map(dt.octal)).toEqual([18, 18, 511, 7, -7]);
    for (const bad of ["8", "999", "0x1", ""]) refuses(() => dt.octal(bad));
  });

  test("exit codes: a comma list of 0-255, possibly empty", () => {
    expect(dt.exitCodes("0, 2 ,255")).toEqual([0, 2, 255]);
    expect(dt.exitCodes("")).toEqual([]);
    for (const bad of ["0,256", "-1", "a", "1,"]) refuses(() => dt.exitCodes(bad));
  });

  test("log levels by name, any case", () => {
    expect(["CRITICAL", "error", "warn", "Info", "debug", "trace", "blather"].map(dt.logLevel)).toEqual([
      "critical", "error", "warn", "info", "debug", "trace", "blather",
    ]);
    for (const bad of ["warning", "loud", ""]) refuses(() => dt.logLevel(bad));
  });

  test("names: no space, colon or slash; surrounding space stripped", () => {
    expect(dt.processOrGroupName(" web ")).toBe("web");
    for (const bad of ["a b", "a:b", "a/b"]) refuses(() => dt.processOrGroupName(bad));
  });

  test("inet addresses: host:port, :port, *:port, port", () => {
    expect(dt.inetAddress("9001")).toEqual({ host: "", port: 9001 });
    expect(dt.inetAddress(":9001")).toEqual({ host: "", port: 9001 });
    expect(dt.inetAddress("*:9001")).toEqual({ host: "", port: 9001 });
    expect(dt.inetAddress("LocalHost:1")).toEqual({ host: "localhost", port: 1 });
    for (const bad of ["h:", "0", "65536", "abc", "h:x"]) refuses(() => dt.inetAddress(bad));
  });

  test("users by name or uid, groups by name or gid, through the host's user database", () => {
    expect(dt.userToUid("nobody", host)).toBe(65534);
    expect(dt.userToUid("0", host)).toBe(0);
    expect(dt.userAndGroup("nobody:nogroup", host)).toEqual({ uid: 65534, gid: 65534 });
    expect(dt.userAndGroup("root", host)).toEqual({ uid: 0, gid: -1 });
    expect(dt.primaryGid(65534, host)).toBe(65534);
    for (const bad of ["alice", "12345"]) refuses(() => dt.userToUid(bad, host));
    refuses(() => dt.userAndGroup("root:wheel", host));
  });

  test("paths: ~ expansion, the directory of a log file must exist, relative kept relative", () => {
    expect(dt.expandUser("~/x", host)).toBe("/root/x");
    expect(dt.expandUser("~nobody/x", host)).toBe("/nonexistent/x");
    expect(dt.expandUser("~alice/x", host)).toBe("~alice/x");
    expect(dt.existingDirpath("/tmp/x.log", host)).toBe("/tmp/x.log");
    expect(dt.existingDirpath("x.log", host)).toBe("x.log");
    refuses(() => dt.existingDirpath("/nope/x.log", host));
    expect(dt.existingDirectory("/tmp", host)).toBe("/tmp");
    refuses(() => dt.existingDirectory("/nope", host));
    expect(dt.normalizePath("a/../b/./c", host)).toBe("/tmp/b/c");
  });

  test("log file names: NONE/OFF, AUTO, SYSLOG or a path", () => {
    expect(dt.logfileName("None", host)).toEqual({ kind: "none" });
    expect(dt.logfileName("off", host)).toEqual({ kind: "none" });
    expect(dt.logfileName("AUTO", host)).toEqual({ kind: "auto" });
    expect(dt.logfileName("Syslog", host)).toBe("syslog");
    expect(dt.logfileName("/tmp/a.log", host)).toEqual({ kind: "file", path: "/tmp/a.log" });
  });
});
