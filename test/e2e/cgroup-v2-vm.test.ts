// Boots Debian's own kernel under qemu with ONLY cgroup2 at /sys/fs/cgroup
// (test/vm/run-in-v2-guest.sh) and runs test/vm/v2-checks.sh there: proves the
// guest is pure v2, that the v2 commands of the bocker_run lesson work, that
// bocker's v1 lines fail with the documented exit codes (cgcreate 84, cgset 95),
// and that loop btrfs, bridge0, veth, netns and node all work in the guest.
// Needs root (qemu, apt-get on first run). TCG on hosts without usable KVM:
// one boot takes ~20 s here.
import { spawnSync } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { beforeAll, describe, expect, it } from 'vitest'

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const harness = join(root, 'test', 'vm', 'run-in-v2-guest.sh')

interface GuestRun {
  code: number | null
  stdout: string
  stderr: string
}

function runInGuest(command: string, timeoutMs = 600_000): GuestRun {
  const r = spawnSync('bash', [harness, command], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: timeoutMs,
    killSignal: 'SIGTERM',
    maxBuffer: 64 * 1024 * 1024,
  })
  return { code: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' }
}

/** "CHECK name ok detail" / "CHECK name FAIL detail" → map name → {ok, detail} */
function parseChecks(out: string): Map<string, { ok: boolean; detail: string }> {
  const m = new Map<string, { ok: boolean; detail: string }>()
  for (const line of out.split('\n')) {
    const hit = /^CHECK (\S+) (ok|FAIL) ?(.*)$/.exec(line)
    if (hit) m.set(hit[1]!, { ok: hit[2] === 'ok', detail: hit[3] ?? '' })
  }
  return m
}

const vmTemps = () => readdirSync('/tmp').filter(f => f.startsWith('bocker-vm.'))

describe.skipIf(process.getuid?.() !== 0)('pure cgroup v2 guest (qemu, Debian kernel)', () => {
  let run: GuestRun
  let checks: Map<string, { ok: boolean; detail: string }>
  let tempsBefore: string[]

  beforeAll(() => {
    tempsBefore = vmTemps()
    // One boot: the checks, then cwd and exit-code propagation (expect 40 + checks' rc).
    run = runInGuest('bash test/vm/v2-checks.sh; rc=$?; echo "CWD=$(pwd)"; echo "CHECKS_RC=$rc"; exit $((40 + rc))')
    checks = parseChecks(run.stdout)
  }, 660_000)

  const expectOk = (name: string, detail?: RegExp) => {
    const c = checks.get(name)
    expect(c, `check ${name} missing\n--- stdout:\n${run.stdout}\n--- stderr:\n${run.stderr}`).toBeDefined()
    expect(c!.ok, `check ${name}: ${c!.detail}`).toBe(true)
    if (detail) expect(c!.detail).toMatch(detail)
  }

  it('returns the command exit code, runs in the caller cwd and streams its output', () => {
    expect(run.stdout).toMatch(/^CHECKS_DONE total=\d+ failed=0$/m)
    expect(run.stdout).toContain(`CWD=${root}`)
    expect(run.stdout).toContain('CHECKS_RC=0')
    expect(run.code, run.stderr).toBe(40)
    expect([...checks.values()].filter(c => !c.ok)).toEqual([])
  })

  it('has only cgroup2 at /sys/fs/cgroup with cpu and memory available', () => {
    expectOk('fstype', /^cgroup2fs$/)
    expectOk('controllers', /\bcpu\b.*\bmemory\b/)
    expectOk('proc-self-cgroup', /^0::\/$/)
    expectOk('no-v1-hierarchies')
    expectOk('no-cgroup1-mounts')
  })

  it('runs the v2 commands: mkdir, +cpu +memory, cpu.weight, memory.max, cgroup.procs, cgexec', () => {
    for (const n of ['mkdir-cgroup', 'subtree_control', 'v2-files', 'no-cpu.shares', 'cpu.stat-usage_usec', 'cgroup-rmdir']) expectOk(n)
    expectOk('cpu.weight', /^50$/)
    expectOk('memory.max', /^512000000$/)
    expectOk('cgroup.procs', /^0::\/ps_v2chk$/)
    expectOk('cgexec-cpu-memory', /^0::\/ps_v2chk$/)
  })

  it("fails bocker's v1 lines with the documented exit codes", () => {
    expectOk('cgcreate-v1', /^rc=84 .*not mounted/)
    expectOk('cgset-cpu.shares', /^rc=95 .*does not exist/)
    expectOk('cgset-memory.limit_in_bytes', /^rc=95/)
    expectOk('cgexec-v1', /^rc=84/)
    expectOk('cgcreate-v2', /^rc=0/)
    expectOk('cgset-v2', /^rc=0/)
  })

  it('can build the rest of the lab: loop btrfs, bridge0, veth, netns, a bocker-style container, node', () => {
    expectOk('btrfs-mount', /^btrfs$/)
    expectOk('btrfs-snapshot', /img_1 ps_1/)
    expectOk('bridge0', /^10\.0\.0\.1\/24$/)
    for (const n of ['veth', 'netns', 'ping-bridge']) expectOk(n)
    expectOk('container', /pid=1 0::\/ps_v2chk .*10\.0\.0\.2\/24/)
    expectOk('node', /^v\d+\./)
  })

  it('leaves no temp dirs behind', () => {
    expect(vmTemps().filter(f => !tempsBefore.includes(f))).toEqual([])
  })
})
