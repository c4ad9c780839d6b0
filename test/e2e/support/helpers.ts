// Shared by the "room of 30 learners" end-to-end tests: the built CLI as a user calls it, and what
// bocker leaves on the machine (links, netns, subvolumes, cgroups, processes, ledger files).
import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { expect } from 'vitest'
import { SESSION_ROOTS } from '../../../src/shell/session-files.js'

export const ROOT = new URL('../../..', import.meta.url).pathname.replace(/\/$/, '')
export const CLI = `${ROOT}/dist/cli.js`
export const FIXTURES = `${ROOT}/test/fixtures/lessons`
export const LEDGER = '/var/lib/bocker-learn/runs'
export const isRoot = process.getuid?.() === 0
/** the lab these tests need: root, the marker, /var/bocker with the base image, bridge0 up */
export const labReady =
  isRoot && existsSync('/etc/bocker-learn/lab') && existsSync('/var/bocker/img_42001') && existsSync('/sys/class/net/bridge0')

export const sleep = (ms: number): Promise<void> => new Promise(resolve => setTimeout(resolve, ms))

const baseEnv = (env: Record<string, string>): NodeJS.ProcessEnv => ({
  ...process.env,
  LANG: 'C.UTF-8',
  LC_ALL: '',
  NO_COLOR: '1',
  FORCE_COLOR: '0',
  ...env,
})

export interface Ran {
  code: number | null
  out: string
  err: string
}

/** `node dist/cli.js …`, waited for; `as: 'nobody'` drops to uid/gid 65534. */
export function cli(args: string[], o: { env?: Record<string, string>; as?: 'nobody'; timeoutMs?: number } = {}): Ran {
  const argv = ['node', CLI, ...args]
  const [cmd, ...rest] = o.as === 'nobody' ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', ...argv] : argv
  // a noisy command (seq 100000) prints megabytes: spawnSync's 1 MB default would kill the run
  const r = spawnSync(cmd!, rest, {
    encoding: 'utf8',
    env: baseEnv(o.env ?? {}),
    timeout: o.timeoutMs ?? 90_000,
    cwd: '/',
    maxBuffer: 256 << 20,
  })
  return { code: r.status, out: r.stdout, err: r.stderr }
}

/** stderr as its non-empty lines (bad input must say what is wrong in exactly one) */
export const errLines = (err: string): string[] => err.split('\n').filter(l => l.trim() !== '')

/** A step of test/e2e/support/pty-drive.py: expect, send, sleep, signal, answer. */
export type PtyAction = [string, string | number, string?]

/**
 * The CLI at a real terminal (a pty), driven by a script of keys. `prefix` runs before the CLI
 * (e.g. unshare); env goes to the CLI. Fails the test if the script waited in vain.
 */
export function atTerminal(
  script: PtyAction[],
  args: string[],
  o: { env?: Record<string, string>; prefix?: string[]; timeoutMs?: number } = {},
): { out: string; code: number } {
  const env = Object.entries({ LANG: 'ja_JP.UTF-8', ...o.env }).map(([k, v]) => `${k}=${v}`)
  const r = spawnSync(
    'python3',
    [`${ROOT}/test/e2e/support/pty-drive.py`, JSON.stringify(script), '--', ...(o.prefix ?? []), 'env', ...env, 'node', CLI, ...args],
    { encoding: 'utf8', timeout: o.timeoutMs ?? 150_000 },
  )
  expect(r.stdout).not.toContain('TIMEOUT')
  return { out: r.stdout, code: Number(/\nEXIT (-?\d+)\n$/.exec(r.stdout)?.[1] ?? NaN) }
}

/** A CLI run in the background whose output can be waited on (to send a signal at the right moment). */
export class Live {
  out = ''
  err = ''
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
  private readonly child: ChildProcess
  private waiters: Array<() => void> = []

  constructor(args: string[], env: Record<string, string> = {}) {
    this.child = spawn('node', [CLI, ...args], { env: baseEnv(env), stdio: ['ignore', 'pipe', 'pipe'], cwd: '/' })
    this.child.stdout!.setEncoding('utf8').on('data', (d: string) => {
      this.out += d
      this.poke()
    })
    this.child.stderr!.setEncoding('utf8').on('data', (d: string) => {
      this.err += d
      this.poke()
    })
    this.exited = new Promise(resolve =>
      this.child.on('exit', (code, signal) => {
        this.poke()
        resolve({ code, signal })
      }),
    )
  }

  get pid(): number {
    return this.child.pid!
  }

  private poke(): void {
    for (const w of this.waiters.splice(0)) w()
  }

  /** resolves with the match once stdout matches `re`; rejects on exit or timeout */
  async waitFor(re: RegExp, timeoutMs = 30_000): Promise<RegExpExecArray> {
    const deadline = Date.now() + timeoutMs
    for (;;) {
      const m = re.exec(this.out)
      if (m) return m
      if (this.child.exitCode !== null || this.child.signalCode !== null) throw new Error(`exited before ${re}:\n${this.tail()}`)
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${re}:\n${this.tail()}`)
      await new Promise<void>(resolve => {
        this.waiters.push(resolve)
        setTimeout(resolve, 100)
      })
    }
  }

  kill(signal: NodeJS.Signals): void {
    try {
      this.child.kill(signal)
    } catch {
      /* gone */
    }
  }

  get claimed(): { uuid: string; ip: string } | undefined {
    return claimedBy(this.out)
  }

  tail(n = 25): string {
    return `${this.out.split('\n').slice(-n).join('\n')}\n--- stderr ---\n${this.err}`
  }
}

/**
 * The uuid and IP a run claimed, from its "Claimed uuid ps_N (IP 10.0.0.N)" line (ja or en).
 * Not simply the first ps_N in the output: a uuid picked and refused ("is taken") comes first.
 */
export const claimedBy = (out: string): { uuid: string; ip: string } | undefined => {
  const m = /uuid (ps_\d{5})\s*[(（]IP (10\.0\.0\.\d+)[)）]/.exec(out)
  return m ? { uuid: m[1]!, ip: m[2]! } : undefined
}
export const claimedUuid = (out: string): string | undefined => claimedBy(out)?.uuid

const lines = (cmd: string, args: string[]): string[] => {
  const r = spawnSync(cmd, args, { encoding: 'utf8' })
  return (r.stdout ?? '')
    .split('\n')
    .map(l => l.trim())
    .filter(Boolean)
}
const ls = (dir: string): string[] => {
  try {
    return readdirSync(dir)
  } catch {
    return []
  }
}

export interface Fingerprint {
  scratch: string[]
  links: string[]
  netns: string[]
  subvolumes: string[]
  cgroups: string[]
  processes: string[]
  ledger: string[]
  sessionDirs: string[]
}

const scratchMounts = (): string[] =>
  readFileSync('/proc/self/mountinfo', 'utf8')
    .split('\n')
    .map(l => l.split(' ')[4] ?? '')
    .filter(m => m.startsWith('/tmp/bl_'))
    .map(m => `mounted: ${m}`)

/** What the machine holds that a bocker run could create or change. */
export function fingerprint(): Fingerprint {
  const cgroups: string[] = []
  for (const h of ls('/sys/fs/cgroup')) {
    for (const dir of [`/sys/fs/cgroup/${h}`]) for (const e of ls(dir)) if (/ps_/.test(e)) cgroups.push(`${h}/${e}`)
  }
  for (const e of ls('/sys/fs/cgroup')) if (/ps_/.test(e)) cgroups.push(e)
  return {
    links: lines('ip', ['-br', 'link'])
      .map(l => l.split(/\s+/)[0]!.replace(/@.*/, ''))
      .sort(),
    netns: lines('ip', ['netns', 'list'])
      .map(l => l.split(' ')[0]!)
      .sort(),
    subvolumes: lines('btrfs', ['subvolume', 'list', '/var/bocker'])
      .map(l => l.replace(/^.* path /, ''))
      .sort(),
    cgroups: cgroups.sort(),
    processes: containerProcesses(),
    ledger: ls(LEDGER).sort(),
    // the lesson shell's step files; a run killed with SIGKILL leaves them until reset
    sessionDirs: SESSION_ROOTS.flatMap(root =>
      ls(root)
        .filter(d => d.startsWith('bocker-learn-'))
        .map(d => `${root}/${d}`),
    ).sort(),
    // a lesson's own scratch (/tmp/bl_sigpipe_$$…) and what is mounted there: its teardown removes them
    scratch: [
      ...ls('/tmp')
        .filter(n => n.startsWith('bl_'))
        .map(n => `/tmp/${n}`),
      ...scratchMounts(),
    ].sort(),
  }
}

/** bocker's long-lived host processes: the container's unshare and the log's tee */
export function containerProcesses(): string[] {
  const found: string[] = []
  for (const pid of ls('/proc')) {
    if (!/^\d+$/.test(pid)) continue
    let cmd = ''
    try {
      cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ').trim()
    } catch {
      continue
    }
    if (/^(\S*\/)?unshare .*chroot|^(\S*\/)?tee \/var\/bocker\/ps_|^(\S*\/)?cgexec /.test(cmd)) found.push(`${pid} ${cmd}`)
  }
  return found.sort()
}

// anything named after a container id: bocker's own names, and the lesson's experiments' (ps_42032_a,
// bl_sbx_ps_42032, .bl_scratch_ps_42032)
const BOCKER_THING = /ps_\d{5}|^ip-10\.0\.0\.\d+$|^\d+ /

/** bocker things present in `after` and not in `before` (a colleague's live container is in both) */
export function leaks(before: Fingerprint, after: Fingerprint = fingerprint()): string[] {
  const out: string[] = []
  for (const k of Object.keys(after) as Array<keyof Fingerprint>) {
    const had = new Set(before[k])
    for (const x of after[k])
      if (!had.has(x) && (k === 'processes' || k === 'sessionDirs' || k === 'scratch' || BOCKER_THING.test(x))) out.push(`${k}: ${x}`)
  }
  return out
}

/** Everything named after one uuid, on the whole machine (what a run must not leave behind). */
export function thingsOf(uuid: string): string[] {
  const f = fingerprint()
  return [...f.links, ...f.netns, ...f.subvolumes, ...f.cgroups, ...f.processes, ...f.ledger].filter(x => x.includes(uuid))
}

/** Poll until `check` returns an empty list (leftovers can take a moment: exiting processes). */
export async function settle(check: () => string[], ms = 4000): Promise<string[]> {
  const deadline = Date.now() + ms
  let left = check()
  while (left.length > 0 && Date.now() < deadline) {
    await sleep(100)
    left = check()
  }
  return left
}

/** Removes everything of these uuids (a test's own mess), through the product's reset path. */
export async function scrub(uuids: string[]): Promise<void> {
  if (uuids.length === 0) return
  const { cleanupContainer } = await import('../../../src/lab/cleanup.js')
  const { rmSync } = await import('node:fs')
  for (const u of uuids) {
    await cleanupContainer(u, { keepContainer: false }).catch(() => [])
    rmSync(`${LEDGER}/${u}.json`, { force: true })
  }
}

/** the processes (as "pid comm") whose environment says run `pid` started them */
export const startedBy = (pid: number): string[] =>
  readdirSync('/proc')
    .filter(n => /^\d+$/.test(n))
    .filter(n => tryRead(`/proc/${n}/environ`).split('\0').includes(`BOCKER_LEARN_RUN=${pid}`))
    .map(n => `${n} ${tryRead(`/proc/${n}/comm`).trim()}`)

const tryRead = (file: string): string => {
  try {
    return readFileSync(file, 'latin1')
  } catch {
    return '?'
  }
}
