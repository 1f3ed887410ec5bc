import { describe, expect, test } from "bun:test";
import { Faults } from "../../../src/core/faults";
import { Controller } from "../../../src/ctl/controller";
import { ConnectError, ProtocolError } from "../../../src/ctl/transport";
import { XmlRpcFault } from "../../../src/rpc/codec";
import { controller, FakeRpc, FakeTerminal, info } from "./fakes";

const INFOS = [
  info("web", "web", "RUNNING", 20, "pid 10, uptime 0:00:05", 10),
  info("grp", "a", "STOPPED", 0, "Not started"),
  info("grp", "a-very-long-process-name-beyond-thirty", "FATAL", 200, "Exited too quickly (process log may have details)"),
];

describe("parseLine follows Python's cmd module", () => {
  test.each([
    ["  status  web ", "status", "web"],
    ["?start", "help", "start"],
    ["status:x", "status", ":x"],
    ["-x", "", "-x"],
  ])("%p", (raw, cmd, arg) => {
    const r = Controller.parseLine(raw);
    expect([r.cmd, r.arg]).toEqual([cmd, arg]);
  });
  test("! has no shell", () => expect(Controller.parseLine("!ls").cmd).toBeNull());
});

describe("status", () => {
  test("the table widens past 30 columns and exits 3 when a process is not running", async () => {
    const term = new FakeTerminal();
    const ctl = controller(new FakeRpc({ "supervisor.getAllProcessInfo": INFOS }), term);
    await ctl.onecmd("status");
    const width = "grp:a-very-long-process-name-beyond-thirty".length + 3;
    expect(term.out).toBe(
      `${"web".padEnd(width)}RUNNING   pid 10, uptime 0:00:05\n${"grp:a".padEnd(width)}STOPPED   Not started\n` +
        `${"grp:a-very-long-process-name-beyond-thirty".padEnd(width)}FATAL     Exited too quickly (process log may have details)\n`,
    );
    expect(ctl.exitstatus).toBe(3);
  });
  test("colour wraps only the state word and keeps the columns", async () => {
    const term = new FakeTerminal([], true);
    await controller(new FakeRpc({ "supervisor.getAllProcessInfo": [INFOS[0]] }), term).onecmd("status");
    expect(term.out).toBe(`${"web".padEnd(33)}\x1b[32mRUNNING\x1b[0m   pid 10, uptime 0:00:05\n`);
  });
  test("--json prints the matching structs", async () => {
    const term = new FakeTerminal();
    const ctl = controller(new FakeRpc({ "supervisor.getAllProcessInfo": INFOS }), term);
    await ctl.onecmd("status --json web grp:nope");
    const [complaint, ...json] = term.out.split("\n");
    expect(complaint).toBe("grp:nope: ERROR (no such process)");
    expect(JSON.parse(json.join("\n"))).toEqual([INFOS[0]]);
    expect(ctl.exitstatus).toBe(4);
  });
  test("a daemon that is not there: 4 for status, 7 for other commands", async () => {
    const rpc = new FakeRpc({ "supervisor.getVersion": new ConnectError("ENOENT") });
    const term = new FakeTerminal();
    const ctl = controller(rpc, term);
    await ctl.onecmd("status");
    expect([term.out, ctl.exitstatus]).toEqual(["unix:///tmp/fake.sock no such file\n", 4]);
    const ctl2 = controller(rpc, new FakeTerminal());
    await ctl2.onecmd("start web");
    expect(ctl2.exitstatus).toBe(7);
  });
});

describe("start, stop and signal results", () => {
  test("faults of single names become 4.2.5's phrases and exit codes", async () => {
    const term = new FakeTerminal();
    const rpc = new FakeRpc({
      "supervisor.startProcess": (name) => {
        if (name === "web") throw new XmlRpcFault(Faults.ALREADY_STARTED, "ALREADY_STARTED: web");
        if (name === "bad") throw new XmlRpcFault(Faults.SPAWN_ERROR, "SPAWN_ERROR: bad");
        return true;
      },
    });
    const ctl = controller(rpc, term);
    await ctl.onecmd("start web grp:a bad");
    expect(term.out).toBe("web: ERROR (already started)\ngrp:a: started\nbad: ERROR (spawn error)\n");
    expect(ctl.exitstatus).toBe(7);
  });
  test("a FAILED stop prints the daemon's own description", async () => {
    const term = new FakeTerminal();
    const rpc = new FakeRpc({
      "supervisor.stopProcessGroup": [{ group: "grp", name: "a", status: Faults.FAILED, description: "FAILED: boom" }],
    });
    await controller(rpc, term).onecmd("stop grp:*");
    expect(term.out).toBe("FAILED: boom\n");
  });
  test("an unknown result code is 4.2.5's ValueError line", async () => {
    const term = new FakeTerminal();
    const rpc = new FakeRpc({ "supervisor.startAllProcesses": [{ group: "x", name: "x", status: 12345, description: "" }] });
    const ctl = controller(rpc, term);
    await ctl.onecmd("start all");
    expect(term.out).toBe("error: <class 'ValueError'>, Unknown result code 12345 for x: file: supervisorctl line: 0\n");
    expect(ctl.exitstatus).toBe(1);
  });
  test("the one-shot line joins words, so a quoted 'signal USR1' works", async () => {
    const rpc = new FakeRpc({ "supervisor.signalProcess": true });
    const term = new FakeTerminal();
    await controller(rpc, term).onecmd(["signal USR1", "web"].join(" "));
    expect(rpc.calls).toContain('supervisor.signalProcess("web", "USR1")');
    expect(term.out).toBe("web: signalled\n");
  });
});

describe("authentication", () => {
  test("one-shot: the message, then the command runs again and its failure is the error line", async () => {
    const rpc = new FakeRpc({ "supervisor.getVersion": new ProtocolError("127.0.0.1/RPC2", 401, "Unauthorized") });
    const term = new FakeTerminal();
    const ctl = controller(rpc, term);
    await ctl.onecmd("version");
    expect(term.out).toBe(
      "Server requires authentication\nerror: <class 'xmlrpc.client.ProtocolError'>, <ProtocolError for 127.0.0.1/RPC2: 401 Unauthorized>: file: supervisorctl line: 0\n",
    );
    expect(rpc.calls.length).toBe(2);
    expect(ctl.exitstatus).toBe(1);
  });
  test("interactive: asks for a username and password and retries with them", async () => {
    const seen: (string | null)[] = [];
    const term = new FakeTerminal(["admin", "pw"]);
    const ctl = new Controller(
      { serverurl: "unix:///x", username: null, password: null, prompt: "p", historyFile: null, interactive: true, args: [] },
      term,
      (await import("../../../src/ctl/commands")).COMMANDS,
      (url, user, password) => {
        seen.push(password);
        return password === "pw"
          ? new FakeRpc({ "supervisor.getSupervisorVersion": "4.2.5" }, url, user, password)
          : new FakeRpc({ "supervisor.getVersion": new ProtocolError("x", 401, "Unauthorized") }, url, user, password);
      },
    );
    await ctl.onecmd("version");
    expect(term.out).toBe("Server requires authentication\nUsername:Password:\n4.2.5\n");
    expect(seen).toEqual([null, "pw"]);
  });
});

describe("update", () => {
  test("removed, changed and added groups, in 4.2.5's order and words", async () => {
    const term = new FakeTerminal();
    const rpc = new FakeRpc({
      "supervisor.reloadConfig": [[["new"], ["changed"], ["gone"]]],
      "supervisor.stopProcessGroup": [],
      "supervisor.removeProcessGroup": true,
      "supervisor.addProcessGroup": true,
    });
    await controller(rpc, term).onecmd("update");
    expect(term.out).toBe(
      "gone: stopped\ngone: removed process group\nchanged: stopped\nchanged: updated process group\nnew: added process group\n",
    );
  });
  test("a group that fails to stop is not removed", async () => {
    const term = new FakeTerminal();
    const rpc = new FakeRpc({
      "supervisor.reloadConfig": [[[], [], ["gone"]]],
      "supervisor.stopProcessGroup": [{ status: Faults.FAILED }],
    });
    const ctl = controller(rpc, term);
    await ctl.onecmd("update");
    expect(term.out).toBe("gone: stopped\ngone: has problems; not removing\n");
    expect(ctl.exitstatus).toBe(1);
  });
});

describe("shell words", () => {
  test("unknown syntax sets exit 1", async () => {
    const term = new FakeTerminal();
    const ctl = controller(new FakeRpc({}), term);
    await ctl.onecmd("frobnicate now");
    expect([term.out, ctl.exitstatus]).toEqual(["*** Unknown syntax: frobnicate now\n", 1]);
  });
  test("quit, exit and EOF stop the shell after a newline", async () => {
    for (const word of ["quit", "exit", "EOF"]) {
      const term = new FakeTerminal();
      expect(await controller(new FakeRpc({}), term).onecmd(word)).toBe(true);
      expect(term.out).toBe("\n");
    }
  });
  test("interactive shutdown asks first and does nothing on no", async () => {
    const rpc = new FakeRpc({ "supervisor.shutdown": true });
    const term = new FakeTerminal(["n"]);
    await controller(rpc, term, { interactive: true }).onecmd("shutdown");
    expect(term.out).toBe("Really shut the remote supervisord process down y/N? ");
    expect(rpc.calls).toEqual([]);
  });
});

describe("fg", () => {
  test("end of input leaves the foreground (4.2.5 prints the same line, then hangs)", async () => {
    const rpc = new FakeRpc({ "supervisor.getProcessInfo": info("cat", "cat", "RUNNING", 20, "", 5) });
    const term = new FakeTerminal([]);
    const ctl = controller(rpc, term);
    await ctl.onecmd("fg cat");
    expect(term.out).toBe("==> Press Ctrl-C to exit <==\nExiting foreground\n");
    expect(ctl.exitstatus).toBe(0);
  });
  test("typed lines go to the process's stdin until it stops running", async () => {
    let state = 20;
    const rpc = new FakeRpc({
      "supervisor.getProcessInfo": () => info("cat", "cat", state === 20 ? "RUNNING" : "EXITED", state, ""),
      "supervisor.sendProcessStdin": () => {
        state = 100;
        return true;
      },
    });
    const term = new FakeTerminal(["hello"]);
    await controller(rpc, term).onecmd("fg cat");
    expect(rpc.calls).toContain('supervisor.sendProcessStdin("cat", "hello\\n")');
    expect(term.out).toBe("==> Press Ctrl-C to exit <==\nProcess got killed\nExiting foreground\n");
  });
});
