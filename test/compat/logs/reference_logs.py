# Runs the reference Supervisor 4.2.5's own log functions on cases read as JSON from stdin and prints the results
# as JSON, for test/compat/logs.test.ts. Bytes travel as latin-1 strings so every byte value survives.
import json
import os
import sys
import tempfile

from supervisor import events, loggers
from supervisor.dispatchers import POutputDispatcher, stripEscapes
from supervisor.events import ProcessCommunicationStderrEvent, ProcessCommunicationStdoutEvent
from supervisor.options import readFile, tailFile
from supervisor.tests.base import DummyOptions, DummyPConfig, DummyProcess

B = lambda s: s.encode("latin-1")
S = lambda b: b.decode("latin-1") if isinstance(b, bytes) else b


def read_case(path, offset, length):
    try:
        return {"ok": S(readFile(path, offset, length))}
    except ValueError as e:
        return {"error": e.args[0]}


def tail_case(path, offset, length):
    data, off, overflow = tailFile(path, offset, length)
    return [data, off, overflow]


def bound_case(maxbytes, writes):
    io = loggers.BoundIO(maxbytes)
    for w in writes:
        io.write(B(w))
    return S(io.getvalue())


def payload_text(data):
    # The data part of the event payload, as events.py renders it.
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return "Undecodable: %r" % data


def capture_case(tmp, n, case):
    options = DummyOptions()
    options.getLogger = lambda *a, **k: loggers.getLogger(loggers.LevelsByName.INFO)
    options.strip_ansi = case["stripAnsi"]
    options.loglevel = loggers.LevelsByName.DEBG
    options.logger = loggers.getLogger(loggers.LevelsByName.DEBG)
    loggers.handle_boundIO(options.logger, fmt="%(levelname)s %(message)s\x00")
    path = os.path.join(tmp, "capture-%d.log" % n)
    channel = case["channel"]
    kw = {
        "%s_logfile" % channel: path,
        "%s_capture_maxbytes" % channel: case["captureMaxbytes"],
        "%s_events_enabled" % channel: case["eventsEnabled"],
    }
    config = DummyPConfig(options, "x", "/bin/true", **kw)
    process = DummyProcess(config)
    process.pid = 42
    etype = ProcessCommunicationStdoutEvent if channel == "stdout" else ProcessCommunicationStderrEvent
    seen = []
    events.subscribe(events.Event, lambda e: seen.append([type(e).__name__, S(payload_text(e.data).encode("utf-8"))]))
    try:
        d = POutputDispatcher(process, etype, 0)
        for chunk in case["chunks"]:
            d.output_buffer += B(chunk)
            d.record_output()
    finally:
        events.clear()
    with open(path, "rb") as f:
        log = S(f.read())
    main = [m for m in S(options.logger.getvalue()).split("\x00") if m]
    return {"log": log, "events": seen, "main": main}


def main():
    cases = json.load(sys.stdin)
    out = {"read": [], "tail": [], "strip": [], "bound": [], "capture": []}
    with tempfile.TemporaryDirectory() as tmp:
        for n, content in enumerate(cases["files"]):
            path = os.path.join(tmp, "f%d" % n)
            with open(path, "wb") as f:
                f.write(B(content))
            out["read"].append([read_case(path, o, l) for o, l in cases["offsets"]])
            out["tail"].append([tail_case(path, o, l) for o, l in cases["offsets"]])
        out["strip"] = [S(stripEscapes(B(s))) for s in cases["strip"]]
        out["bound"] = [bound_case(m, w) for m, w in cases["bound"]]
        out["capture"] = [capture_case(tmp, n, c) for n, c in enumerate(cases["capture"])]
    json.dump(out, sys.stdout)


main()
