#!/usr/bin/env python3
"""Time a program at a real pseudo-terminal (for the benchmarks; python's own start-up is not timed).
usage: pty-time.py [--until TEXT] [--then KEYS] [--cols N] -- command args...
Starts the command on a new pty (it is the session leader; the pty is its controlling terminal),
reads everything it writes, and prints one JSON line:
  {"until_ms": ms from fork to the first appearance of TEXT (null without --until),
   "exit_ms": ms from fork to the end of the program, "exit": exit code, "bytes": output size}
--then KEYS: written once TEXT has appeared (e.g. $'\\x03' for Ctrl-C at an enquirer prompt).
Gives up after 60 s (kills the program, exit 3)."""
import json, os, pty, select, signal, sys, time

args = sys.argv[1:]
until = then = None
cols = '100'
while args and args[0] != '--':
    flag, value, args = args[0], args[1], args[2:]
    if flag == '--until': until = value.encode()
    elif flag == '--then': then = value.encode()
    elif flag == '--cols': cols = value
    else: sys.exit(f'unknown flag {flag}')
argv = args[1:]

t0 = time.perf_counter()
pid, fd = pty.fork()
if pid == 0:
    os.environ['COLUMNS'] = cols
    os.environ.setdefault('TERM', 'xterm-256color')
    os.execvp(argv[0], argv)

out = b''
until_ms = None
deadline = time.time() + 60
while True:
    if time.time() > deadline:
        os.kill(pid, signal.SIGKILL)
        sys.stdout.write(out.decode('utf8', 'replace')[-2000:] + '\nTIMEOUT\n')
        sys.exit(3)
    r, _, _ = select.select([fd], [], [], 0.5)
    if not r:
        continue
    try:
        data = os.read(fd, 65536)
    except OSError:  # EIO: the last holder of the pty's other side is gone
        break
    if not data:
        break
    out += data
    if until is not None and until_ms is None and until in out:
        until_ms = (time.perf_counter() - t0) * 1000
        if then is not None:
            os.write(fd, then)
_, status = os.waitpid(pid, 0)
exit_ms = (time.perf_counter() - t0) * 1000
print(json.dumps({'until_ms': until_ms, 'exit_ms': exit_ms, 'exit': os.waitstatus_to_exitcode(status), 'bytes': len(out)}))
