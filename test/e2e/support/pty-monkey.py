#!/usr/bin/env python3
"""A learner who presses keys at random through a real pseudo-terminal: Enter at every prompt (run
the step; after a failed step, skip it; skip an exercise), Ctrl-C at random moments (during a step, at a prompt, while
output scrolls), twice in a row now and then. Seeded: a seed repeats the same kinds of keys at about
the same moments (timing depends on the machine, so a run is not replayed exactly).
usage: pty-monkey.py SEED -- command args...
Prints everything the program wrote, the keys it pressed (KEYS ...), then 'EXIT <code>'."""
import os, pty, random, select, signal, sys, time

seed = int(sys.argv[1])
argv = sys.argv[sys.argv.index('--') + 1:]
rng = random.Random(seed)
pid, fd = pty.fork()
if pid == 0:
    os.environ['COLUMNS'] = '100'
    os.execvp(argv[0], argv)

out = b''
acted_on = -1
PENDING = '\x1b[36m?\x1b[39m '  # enquirer's mark of a prompt waiting for an answer
YES_NO = ('Remove it?', '削除しますか', 'Clean them up now?', '今すぐ片付けますか')
keys = []
next_ctrl_c = time.time() + rng.uniform(0.3, 6.0)
ctrl_c_left = rng.choice([1, 2, 2, 3])
deadline = time.time() + 120
status = None
while time.time() < deadline:
    r, _, _ = select.select([fd], [], [], 0.05)
    if r:
        try:
            data = os.read(fd, 65536)
        except OSError:
            data = b''
        if not data:
            break
        out += data
    text = out.decode('utf8', 'replace')
    # one answer per prompt: the open prompt is enquirer's "?" after the last answered one (✔/✖).
    # Counting the question's words would count the answered line too, and the extra Enter, typed
    # while the next step runs, could land on the prompt after it (an exercise would open its shell).
    answered = max(text.rfind('\u2714'), text.rfind('\u2716'))
    opened = text.find(PENDING, answered + 1)
    if opened >= 0 and opened != acted_on:
        acted_on = opened
        time.sleep(rng.uniform(0.05, 0.4))
        question = text[opened:opened + 300]
        failed = text.count('This step failed') + text.count('このステップは失敗しました')
        if any(q in question for q in YES_NO):
            os.write(fd, b'\r'); keys.append('answer')
        elif 'Your turn' in question or 'あなたの番です' in question:  # Enter would open a shell; this learner skips it
            os.write(fd, b'\x1b[B' * 5 + b'\r'); keys.append('skip-exercise')
        elif failed > keys.count('skip'):  # a step failed: skip it, as a learner would (the run then ends with 1)
            os.write(fd, b'\x1b[B\r'); keys.append('skip')
        else:
            os.write(fd, b'\r'); keys.append('enter')
    if ctrl_c_left > 0 and time.time() >= next_ctrl_c:
        os.write(fd, b'\x03'); keys.append(f'ctrl-c@{len(out)}')
        ctrl_c_left -= 1
        next_ctrl_c = time.time() + rng.choice([0.05, 0.2, rng.uniform(0.5, 3.0)])
else:
    os.kill(pid, signal.SIGKILL)
    sys.stdout.write(out.decode('utf8', 'replace') + f"\nKEYS {' '.join(keys)}\nTIMEOUT\n")
    sys.exit(3)
_, st = os.waitpid(pid, 0)
sys.stdout.write(out.decode('utf8', 'replace'))
sys.stdout.write(f"\nKEYS {' '.join(keys)}\nEXIT {os.waitstatus_to_exitcode(st)}\n")
