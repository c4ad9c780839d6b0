#!/usr/bin/env python3
"""Drive a program through a real pseudo-terminal, as a learner at a keyboard would.
usage: pty-drive.py SCRIPT_JSON -- command args...
SCRIPT_JSON: a list of ["expect", "text"] | ["send", "keys"] | ["sleep", seconds] | ["signal", "INT"]
            | ["answer", "text", "keys"] (if text shows up within 2 s, send keys)
Prints everything the program wrote, then a last line 'EXIT <code>'. Fails (exit 3) on a timeout."""
import json, os, pty, select, signal, sys, time

steps = json.loads(sys.argv[1])
argv = sys.argv[sys.argv.index('--') + 1:]
pid, fd = pty.fork()
if pid == 0:
    os.environ['COLUMNS'] = '100'
    os.execvp(argv[0], argv)

out = b''
def pump(timeout):
    global out
    r, _, _ = select.select([fd], [], [], timeout)
    if not r:
        return False
    try:
        data = os.read(fd, 65536)
    except OSError:
        return None
    if not data:
        return None
    out += data
    return True

def fail(why):
    sys.stdout.write(out.decode('utf8', 'replace') + f'\nTIMEOUT {why}\n')
    os.kill(pid, signal.SIGKILL)
    sys.exit(3)

steps_keys = [s[2] for s in steps if s[0] == 'answer']
for kind, arg, *rest in steps:
    if kind == 'expect':
        deadline = time.time() + 30
        while arg.encode() not in out:
            if time.time() > deadline or pump(0.2) is None and arg.encode() not in out:
                fail(f'waiting for {arg!r}')
        out_mark = out.index(arg.encode()) + len(arg)
        # later expectations look only at what comes after this one
        seen, out = out[:out_mark], out[out_mark:]
        sys.stdout.write(seen.decode('utf8', 'replace'))
    elif kind == 'answer':
        end = time.time() + 2
        while arg.encode() not in out and time.time() < end:
            pump(0.05)
        if arg.encode() in out:
            time.sleep(0.3)
            os.write(fd, steps_keys.pop(0).encode())
    elif kind == 'send':
        os.write(fd, arg.encode())
    elif kind == 'sleep':
        end = time.time() + float(arg)
        while time.time() < end:
            pump(0.05)
    elif kind == 'signal':
        os.killpg(os.getpgid(pid), getattr(signal, 'SIG' + arg))

deadline = time.time() + 60
while time.time() < deadline:
    if pump(0.2) is None:
        break
else:
    fail('waiting for the program to end')
_, status = os.waitpid(pid, 0)
sys.stdout.write(out.decode('utf8', 'replace'))
sys.stdout.write(f'\nEXIT {os.waitstatus_to_exitcode(status)}\n')
