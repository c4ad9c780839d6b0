import { readdir, readFile, stat } from 'node:fs/promises'
import { RUN_MARK } from '../shell/session-files.js'
import { isAlive, isRunning } from './alive.js'
import type { Removed } from './removed.js'

const sleep = (ms: number): Promise<void> => new Promise(r => setTimeout(r, ms))

async function allPids(): Promise<number[]> {
  const names = await readdir('/proc').catch(() => [] as string[])
  return names
    .filter(n => /^\d+$/.test(n))
    .map(Number)
    .filter(p => p !== process.pid)
}

/** The processes whose network namespace is the one pinned at `nsFile` (what `ip netns pids` does). */
export async function pidsInNetns(nsFile: string): Promise<number[]> {
  const ns = await stat(nsFile).catch(() => undefined)
  if (!ns) return []
  const found: number[] = []
  await Promise.all(
    (await allPids()).map(async pid => {
      const s = await stat(`/proc/${pid}/ns/net`).catch(() => undefined)
      if (s && s.ino === ns.ino && s.dev === ns.dev) found.push(pid)
    }),
  )
  return found
}

export async function pidsInCgroup(dir: string): Promise<number[]> {
  const text = await readFile(`${dir}/cgroup.procs`, 'utf8').catch(() => '')
  return text
    .split('\n')
    .filter(l => /^\d+$/.test(l))
    .map(Number)
    .filter(p => p !== process.pid)
}

export async function commandName(pid: number): Promise<string> {
  return (await readFile(`/proc/${pid}/comm`, 'utf8').catch(() => '?')).trim()
}

export async function waitGone(pids: number[], timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  let left = pids
  while (left.length > 0 && Date.now() < deadline) {
    // a zombie counts as gone: it has left its namespaces and cgroups; only its parent can reap it
    left = left.filter(isRunning)
    if (left.length > 0) await sleep(20)
  }
}

export function killHard(pid: number): boolean {
  try {
    process.kill(pid, 'SIGKILL')
    return true
  } catch {
    return false
  }
}

const MARK_RE = new RegExp(`(?:^|\\0)${RUN_MARK}=(\\d+)\\0`)

async function runOf(pid: number): Promise<number | undefined> {
  const env = await readFile(`/proc/${pid}/environ`, 'latin1').catch(() => '')
  const m = MARK_RE.exec(env)
  return m ? Number(m[1]) : undefined
}

/** a marked process in our own pid namespace: a mark from another one names a pid that is not ours */
async function ofDeadRun(pid: number, ownPidNs: number | undefined): Promise<boolean> {
  const run = await runOf(pid)
  if (run === undefined || run === process.pid || isAlive(run)) return false
  const ns = await stat(`/proc/${pid}/ns/pid`).catch(() => undefined)
  return ns !== undefined && ns.ino === ownPidNs
}

/**
 * What the lesson shells of killed runs still run: a SIGKILL ends bocker-learn but not its shell,
 * which finishes the step it was in (a download still writing into the temp dir a reset removes).
 * Scanned again until a scan finds nothing: the shell may fork while we kill.
 */
export async function killProcessesOfDeadRuns(): Promise<Removed[]> {
  const ownPidNs = (await stat('/proc/self/ns/pid').catch(() => undefined))?.ino
  const removed: Removed[] = []
  for (let round = 0; round < 5; round++) {
    const found = (await Promise.all((await allPids()).map(async pid => ((await ofDeadRun(pid, ownPidNs)) ? pid : undefined)))).filter(
      p => p !== undefined,
    )
    if (found.length === 0) break
    for (const pid of found) {
      const name = await commandName(pid)
      if (killHard(pid) && !removed.some(r => r.pid === pid)) removed.push({ what: 'process', name, pid, ok: true })
    }
    await waitGone(found)
  }
  return removed
}
