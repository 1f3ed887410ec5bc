import { describe, expect, test } from "bun:test";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { parseSupervisordArgs, UsageError } from "../../../src/cli/supervisord-options";

function usageError(args: string[]): string {
  try {
    parseSupervisordArgs(args);
  } catch (e) {
    if (e instanceof UsageError) return e.message;
    throw e;
  }
  throw new Error(`no usage error for ${JSON.stringify(args)}`);
}

function flags(args: string[]) {
  const inv = parseSupervisordArgs(args);
  if (inv.action !== "run") throw new Error(`expected run, got ${inv.action}`);
  return inv.flags;
}

// Each message below is what 4.2.5's supervisord prints after "Error: " for the same command line.
describe("bad command lines give 4.2.5's messages", () => {
  const cases: [string[], string][] = [
    [["-x"], "option -x not recognized"],
    [["-u"], "option -u requires argument"],
    [["--user"], "option --user requires argument"],
    [["--foo"], "option --foo not recognized"],
    [["--nodaemon=1"], "option --nodaemon must not have an argument"],
    [["--log"], "option --log not a unique prefix"],
    [["--c", "x"], "option --c not a unique prefix"],
    [["-n", "-n"], "conflicting command line option '-n'"],
    [["-c", "a", "--configuration", "b"], "conflicting command line option '--configuration'"],
    [["foo"], "positional arguments are not supported: ['foo']"],
    [["-n", "foo", "-s"], "positional arguments are not supported: ['foo', '-s']"],
    [["--", "foo"], "positional arguments are not supported: ['foo']"],
    [["-"], "positional arguments are not supported: ['-']"],
    [["-m", "999"], "invalid value for -m '999': 999 can not be converted to an octal type"],
    [["--umask=abc"], "invalid value for --umask 'abc': abc can not be converted to an octal type"],
    [["-d", "/nonexist"], "invalid value for -d '/nonexist': /nonexist is not an existing directory"],
    [["-q", "/nope"], "invalid value for -q '/nope': /nope is not an existing directory"],
    [
      ["-l", "/nonexist/x.log"],
      "invalid value for -l '/nonexist/x.log': The directory named as part of the path /nonexist/x.log does not exist",
    ],
    [["-j", "/nope/p"], "invalid value for -j '/nope/p': The directory named as part of the path /nope/p does not exist"],
    [["-y", "abc"], "invalid value for -y 'abc': invalid literal for int() with base 10: 'abc'"],
    [["-y", "1XB"], "invalid value for -y '1XB': invalid literal for int() with base 10: '1xb'"],
    [["-y", "1.5MB"], "invalid value for -y '1.5MB': invalid literal for int() with base 10: '1.5'"],
    [["-y", ""], "invalid value for -y '': invalid literal for int() with base 10: ''"],
    [["-z", "x"], "invalid value for -z 'x': invalid literal for int() with base 10: 'x'"],
    [["-a", "x"], "invalid value for -a 'x': invalid literal for int() with base 10: 'x'"],
    [["--minprocs", "x"], "invalid value for --minprocs 'x': invalid literal for int() with base 10: 'x'"],
    [["-e", "foo"], "invalid value for -e 'foo': bad logging level name 'foo'"],
    // getopt reads the whole line before any value is converted, so an unknown flag wins over an earlier bad value.
    [["-m", "999", "-x"], "option -x not recognized"],
    [["-h", "-x"], "option -x not recognized"],
  ];
  for (const [args, message] of cases) {
    test(args.join(" ") || "(empty)", () => expect(usageError(args)).toBe(message));
  }
});

describe("good command lines", () => {
  test("no flags: nothing overridden", () => {
    expect(flags([])).toEqual({ configFile: null, overrides: {}, profileOptions: null, checkConfig: false });
  });

  test("clustered short flags and attached values", () => {
    const f = flags(["-nkc/etc/x.conf", "-ts"]);
    expect(f.configFile).toBe("/etc/x.conf");
    expect(f.overrides).toEqual({ nodaemon: true, nocleanup: true, stripAnsi: true, silent: true });
  });

  test("long flags, abbreviations and --opt=value", () => {
    const dir = mkdtempSync(`${tmpdir()}/sv-opt-`);
    const f = flags([
      "--config=/a.conf", "--noda", "--umask", "0o27", "--logfile_max=5kb", "--logfile_b", " 1_0 ",
      "--loglevel=WARN", "--identifier=", "--childlogdir", dir, "--minf", "+3", "--minprocs", "7",
      "--user", "nobody", "--pidfile", "x.pid", "--logfile", `${dir}/main.log`,
    ]);
    expect(f.configFile).toBe("/a.conf");
    expect(f.overrides).toEqual({
      nodaemon: true, umask: 0o27, logfileMaxbytes: 5 * 1024, logfileBackups: 10, loglevel: "warn", identifier: "",
      childlogdir: dir, minfds: 3, minprocs: 7, user: "nobody", pidfile: "x.pid", logfile: `${dir}/main.log`,
    });
  });

  test("byte sizes take kb, mb and gb in any case", () => {
    expect(flags(["-y", "2GB"]).overrides.logfileMaxbytes).toBe(2 * 1024 ** 3);
    expect(flags(["-y", "3Mb"]).overrides.logfileMaxbytes).toBe(3 * 1024 ** 2);
    expect(flags(["-y", "17"]).overrides.logfileMaxbytes).toBe(17);
  });

  test("-h and -v act where they stand: after a bad value they are not reached", () => {
    expect(parseSupervisordArgs(["-n", "-h", "-m", "999"])).toEqual({ action: "help" });
    expect(parseSupervisordArgs(["-?"])).toEqual({ action: "help" });
    expect(parseSupervisordArgs(["--vers"])).toEqual({ action: "version" });
    expect(usageError(["-m", "999", "-v"])).toContain("octal");
  });

  test("--profile_options is accepted and parsed", () => {
    expect(flags(["--profile_options=cumulative,callers"]).profileOptions).toEqual({
      sortOrder: ["cumulative"],
      callers: true,
    });
  });
});

describe("our additions", () => {
  test("--check-config combines with the other flags but is never abbreviated", () => {
    expect(flags(["-c", "x.conf", "--check-config"]).checkConfig).toBe(true);
    // "--ch" stays 4.2.5's unique prefix of --childlogdir.
    expect(usageError(["--ch"])).toBe("option --childlogdir requires argument");
    expect(usageError(["--check-config", "--check-config"])).toBe("conflicting command line option '--check-config'");
  });

  test("--install-links takes an optional folder and nothing else", () => {
    expect(parseSupervisordArgs(["--install-links"])).toEqual({ action: "install-links", dir: null });
    expect(parseSupervisordArgs(["--install-links", "/usr/bin"])).toEqual({ action: "install-links", dir: "/usr/bin" });
    expect(parseSupervisordArgs(["--install-links=/opt"])).toEqual({ action: "install-links", dir: "/opt" });
    expect(usageError(["--install-links", "/a", "/b"])).toContain("at most one folder");
    expect(usageError(["-n", "--install-links"])).toBe("option --install-links not recognized");
  });
});
