"""Loads config files with the reference Supervisor 4.2.5's own parser (ServerOptions.realize with -c, as its
tests do) and prints, as one JSON object keyed by file, the shape that test/compat/config/shape.ts builds from ours.
Run with PYTHONPATH=<reference site>. Usage: python3 dump_reference.py FILE..."""
import json
import shlex
import socket
import sys

from supervisor.options import ServerOptions, ClientOptions
from supervisor.datatypes import Automatic, RestartUnconditionally, RestartWhenExitUnexpected
from supervisor.events import getEventNameByType
from supervisor import options as options_module

LEVELS = {50: 'critical', 40: 'error', 30: 'warn', 20: 'info', 10: 'debug', 5: 'trace', 3: 'blather'}


class Refused(Exception):
    pass


def refuse(msg):
    raise Refused(str(msg))


def logfile(v):
    if v is Automatic:
        return 'AUTO'
    return v


def autorestart(v):
    if v is RestartUnconditionally:
        return 'true'
    if v is RestartWhenExitUnexpected:
        return 'unexpected'
    return 'false'


def argv(command):
    try:
        return shlex.split(command)
    except ValueError:
        return None


def process(p):
    out = {'name': p.name, 'command': p.command, 'argv': argv(p.command), 'uid': p.uid,
           'directory': p.directory, 'umask': p.umask, 'priority': p.priority, 'autostart': p.autostart,
           'autorestart': autorestart(p.autorestart), 'startsecs': p.startsecs, 'startretries': p.startretries,
           'stopsignal': p.stopsignal, 'stopwaitsecs': p.stopwaitsecs, 'stopasgroup': p.stopasgroup,
           'killasgroup': p.killasgroup, 'exitcodes': p.exitcodes, 'redirect_stderr': p.redirect_stderr,
           'environment': p.environment, 'serverurl': p.serverurl}
    for ch in ('stdout', 'stderr'):
        out[ch + '_logfile'] = logfile(getattr(p, ch + '_logfile'))
        for k in ('capture_maxbytes', 'events_enabled', 'syslog', 'logfile_backups', 'logfile_maxbytes'):
            out['%s_%s' % (ch, k)] = getattr(p, '%s_%s' % (ch, k))
    return out


def group(g):
    kind = type(g).__name__
    out = {'kind': {'ProcessGroupConfig': 'process', 'EventListenerPoolConfig': 'eventlistener',
                    'FastCGIGroupConfig': 'fcgi'}[kind],
           'name': g.name, 'priority': g.priority, 'processes': [process(p) for p in g.process_configs]}
    if kind == 'EventListenerPoolConfig':
        out['buffer_size'] = g.buffer_size
        out['events'] = sorted(getEventNameByType(e) for e in g.pool_events)
        h = g.result_handler
        out['result_handler'] = '%s:%s' % (h.__module__, h.__name__)
    if kind == 'FastCGIGroupConfig':
        s = g.socket_config
        out['socket'] = {'url': s.url, 'backlog': s.backlog}
        if s.url.startswith('unix://'):
            out['socket']['mode'] = s.mode
            out['socket']['owner'] = list(s.owner) if s.owner else None
    return out


def server(c):
    out = {'section': c['section'], 'name': c['name'], 'username': c['username'], 'password': c['password']}
    if c['family'] == socket.AF_INET:
        out.update({'family': 'inet', 'host': c['host'], 'port': c['port']})
    else:
        chown = None if c['chown'] == (-1, -1) else list(c['chown'])
        out.update({'family': 'unix', 'file': c['file'], 'chmod': c['chmod'], 'chown': chown})
    return out


def ctl(path):
    c = ClientOptions()
    c.usage = refuse
    try:
        c.realize(['-c', path])
    except Refused:
        # No [supervisorctl] section: realize stopped before applying ClientOptions' defaults.
        return {'serverurl': 'http://localhost:9001', 'prompt': 'supervisor', 'username': None,
                'password': None, 'history_file': None}
    return {'serverurl': c.serverurl, 'prompt': c.prompt, 'username': c.username, 'password': c.password,
            'history_file': c.history_file}


def load(path):
    o = ServerOptions()
    o.usage = refuse
    try:
        o.realize(['-c', path])
    except Refused as e:
        return {'error': str(e)}
    s = o.configroot.supervisord
    return {
        'supervisord': {'logfile': o.logfile, 'pidfile': o.pidfile, 'logfile_maxbytes': s.logfile_maxbytes,
                        'logfile_backups': s.logfile_backups, 'loglevel': LEVELS[s.loglevel], 'umask': s.umask,
                        'nodaemon': bool(s.nodaemon), 'silent': bool(s.silent), 'minfds': s.minfds,
                        'minprocs': s.minprocs, 'nocleanup': bool(s.nocleanup), 'childlogdir': s.childlogdir,
                        'user': s.user, 'uid': o.uid, 'gid': o.gid, 'directory': s.directory,
                        'strip_ansi': bool(s.strip_ansi), 'environment': s.environment, 'identifier': s.identifier,
                        'serverurl': o.serverurl},
        'rpcinterfaces': [[name, '%s:%s' % (f.__module__, f.__name__), extras]
                          for name, f, extras in s.rpcinterface_factories],
        'groups': [group(g) for g in o.process_group_configs],
        'supervisorctl': ctl(path),
        'warnings': o.parse_warnings,
        'http_servers': [server(c) for c in o.server_configs],
    }


if __name__ == '__main__':
    options_module.platform.node = lambda: 'testhost'
    json.dump({path: load(path) for path in sys.argv[1:]}, sys.stdout, indent=1, sort_keys=True)
