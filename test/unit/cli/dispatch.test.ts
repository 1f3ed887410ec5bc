import { expect, test } from "bun:test";
import { faceOf } from "../../../src/cli/dispatch";

test("a face is chosen by the invoked name, with or without a release suffix, in any folder", () => {
  expect(faceOf("/usr/bin/supervisord")).toBe("supervisord");
  expect(faceOf("supervisorctl")).toBe("supervisorctl");
  expect(faceOf("./echo_supervisord_conf")).toBe("echo_supervisord_conf");
  expect(faceOf("/opt/supervisord-linux-x64-musl")).toBe("supervisord");
  expect(faceOf("supervisord-linux-arm64")).toBe("supervisord");
  expect(faceOf("supervisordx")).toBeUndefined();
  expect(faceOf("something-else")).toBeUndefined();
  expect(faceOf("/usr/bin/python3")).toBeUndefined();
});
