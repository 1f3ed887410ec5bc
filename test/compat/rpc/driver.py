"""Drives one supervisord through XML-RPC with Python's own xmlrpc.client, the client most tools use.

usage: driver.py UNIX_URL INET_URL DIR < steps.json
  (unix:///path/to/sock and http://user:pass@127.0.0.1:PORT; a step with "inet": true goes over TCP)
Prints one JSON line per step: {"label", "ms", "ok": value} | {"fault": [code, text]} | {"http": status} |
{"error": text}; "ms" is how long the step took.
Steps: {"label", "method", "params"} calls a method; {"label", "write": name, "text"} writes DIR/name;
{"label", "until": method, "params", "path", "equals"} polls a method until result[path...] == equals;
{"label", "auth": "user:pass", "method", "params"} calls over TCP with other credentials.
"""
import base64
import datetime
import http.client
import json
import os
import socket
import sys
import time
import xmlrpc.client


class UnixConnection(http.client.HTTPConnection):
    def __init__(self, path):
        http.client.HTTPConnection.__init__(self, "localhost")
        self.path = path

    def connect(self):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.connect(self.path)


class UnixTransport(xmlrpc.client.Transport):
    def __init__(self, path):
        xmlrpc.client.Transport.__init__(self)
        self.path = path

    def make_connection(self, host):
        return UnixConnection(self.path)


def proxy(url, auth=None):
    if url.startswith("unix://"):
        return xmlrpc.client.ServerProxy("http://localhost/RPC2", transport=UnixTransport(url[7:]), allow_none=True)
    if auth is not None:
        scheme, rest = url.split("://", 1)
        url = "%s://%s@%s" % (scheme, auth, rest.split("@", 1)[-1])
    return xmlrpc.client.ServerProxy(url + "/RPC2", allow_none=True)


def plain(v):
    if isinstance(v, xmlrpc.client.DateTime):
        return {"datetime": v.value}
    if isinstance(v, xmlrpc.client.Binary):
        return {"base64": base64.b64encode(v.data).decode()}
    if isinstance(v, list):
        return [plain(x) for x in v]
    if isinstance(v, dict):
        return {k: plain(x) for k, x in v.items()}
    return v


def param(v):
    if isinstance(v, dict) and set(v) == {"base64"}:
        return xmlrpc.client.Binary(base64.b64decode(v["base64"]))
    if isinstance(v, dict) and set(v) == {"datetime"}:
        return xmlrpc.client.DateTime(v["datetime"])
    if isinstance(v, list):
        return [param(x) for x in v]
    if isinstance(v, dict):
        return {k: param(x) for k, x in v.items()}
    return v


def call(server, method, params):
    try:
        return {"ok": plain(getattr(server, method)(*[param(p) for p in params]))}
    except xmlrpc.client.Fault as f:
        return {"fault": [f.faultCode, f.faultString]}
    except xmlrpc.client.ProtocolError as e:
        return {"http": e.errcode}
    except (OSError, http.client.HTTPException) as e:
        return {"error": type(e).__name__}


def dig(value, path):
    for key in path:
        value = value[key]
    return value


def until(server, step):
    deadline = time.time() + step.get("seconds", 10)
    while True:
        out = call(server, step["until"], step.get("params", []))
        try:
            if dig(out["ok"], step["path"]) == step["equals"]:
                return {"ok": True}
        except (KeyError, IndexError, TypeError):
            pass
        if time.time() > deadline:
            return {"error": "timed out; last: %s" % json.dumps(out)[:300]}
        time.sleep(0.05)


def main():
    unix_url, inet_url, folder = sys.argv[1:4]
    servers = {False: proxy(unix_url), True: proxy(inet_url)}
    for step in json.load(sys.stdin):
        server = servers[bool(step.get("inet"))]
        began = time.time()
        if "write" in step:
            with open(os.path.join(folder, step["write"]), "w") as f:
                f.write(step["text"].replace("{DIR}", folder))
            out = {"ok": True}
        elif "until" in step:
            out = until(server, step)
        elif "auth" in step:
            out = call(proxy(inet_url, step["auth"]), step["method"], step.get("params", []))
        else:
            out = call(server, step["method"], step.get("params", []))
        out["label"] = step["label"]
        out["ms"] = int((time.time() - began) * 1000)
        print(json.dumps(out), flush=True)


main()
