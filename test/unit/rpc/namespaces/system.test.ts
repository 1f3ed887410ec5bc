import { describe, expect, test } from "bun:test";
import { signatureOf } from "../../../../src/rpc/namespaces";
import { METHODS_4_2_5 } from "../../../support/rpc-methods";
import { rig } from "./call";


describe("introspection", () => {
  test("listMethods names every method of 4.2.5, sorted", async () => {
    expect(await rig().call("system.listMethods")).toEqual([...METHODS_4_2_5]);
  });

  test("methodHelp returns 4.2.5's docstring, whitespace included; aliases share it", async () => {
    const r = rig();
    expect(await r.call("system.methodHelp", "supervisor.getPID")).toBe(
      " Return the PID of supervisord\n\n        @return int PID\n        ",
    );
    expect(await r.call("system.methodHelp", "supervisor.getVersion")).toBe(
      await r.call("system.methodHelp", "supervisor.getAPIVersion"),
    );
    expect(await r.fault("system.methodHelp", "supervisor.nope")).toBe("4 SIGNATURE_UNSUPPORTED");
    expect(await r.fault("system.methodHelp", 5)).toBe("4 SIGNATURE_UNSUPPORTED");
  });

  test("methodSignature reads @return and @param as 4.2.5 does", async () => {
    const r = rig();
    expect(await r.call("system.methodSignature", "supervisor.readProcessStdoutLog")).toEqual(["string", "string", "int", "int"]);
    expect(await r.call("system.methodSignature", "supervisor.signalProcess")).toEqual(["boolean", "string", "string"]);
    expect(await r.call("system.methodSignature", "system.multicall")).toEqual(["array", "array"]);
    expect(await r.fault("system.methodSignature", "system.nope")).toBe("4 SIGNATURE_UNSUPPORTED");
    expect(signatureOf("no tags here")).toBeNull();
  });
});

describe("multicall", () => {
  test("results are bare values or fault structs, in order", async () => {
    const r = rig();
    const out = await r.call("system.multicall", [
      { methodName: "supervisor.getAPIVersion", params: [] },
      { methodName: "supervisor.getProcessInfo", params: ["nope"] },
      { params: [] },
      { methodName: "system.multicall", params: [[]] },
      { methodName: 5 },
      { methodName: "supervisor.getPID" },
      { methodName: "supervisor.getPID", params: 5 },
      { methodName: "supervisor.nope", params: 5 },
    ]);
    expect(out).toEqual([
      "3.0",
      { faultCode: 10, faultString: "BAD_NAME: nope" },
      { faultCode: 2, faultString: "INCORRECT_PARAMETERS: No methodName" },
      { faultCode: 2, faultString: "INCORRECT_PARAMETERS: Recursive system.multicall forbidden" },
      { faultCode: 30, faultString: "FAILED: <class 'AttributeError'>:'int' object has no attribute 'split'" },
      4242,
      { faultCode: 2, faultString: "INCORRECT_PARAMETERS" },
      { faultCode: 1, faultString: "UNKNOWN_METHOD" },
    ]);
  });

  test("a call that waits holds back the calls after it", async () => {
    const r = rig();
    let open!: () => void;
    r.daemon.startGate = new Promise((resolve) => (open = resolve));
    const pending = r.call("system.multicall", [
      { methodName: "supervisor.startProcess", params: ["cat", true] },
      { methodName: "supervisor.getProcessInfo", params: ["cat"] },
    ]);
    await Bun.sleep(10);
    expect(r.daemon.calls).toEqual(["startProcess cat true"]);
    open();
    const [started, info] = (await pending) as [boolean, { statename: string }];
    expect(started).toBe(true);
    expect(info.statename).toBe("RUNNING");
  });

  test("anything but an array of structs is INCORRECT_PARAMETERS", async () => {
    const r = rig();
    expect(await r.fault("system.multicall", { a: 1 })).toBe("2 INCORRECT_PARAMETERS");
    expect(await r.fault("system.multicall", ["str"])).toBe("2 INCORRECT_PARAMETERS");
    expect(await r.call("system.multicall", [])).toEqual([]);
  });
});
