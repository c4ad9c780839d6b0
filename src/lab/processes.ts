import { readdir, readFile, stat } from 'node:fs/promises'

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

async function isGone(pid: number): Promise<boolean> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined)
  // A zombie has already left its namespaces and cgroups; only its parent can reap it.
  return stat === undefined || / Z /.test(stat.slice(stat.lastIndexOf(')')))
}

export async function waitGone(pids: number[], timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  let left = pids
  while (left.length > 0 && Date.now() < deadline) {
    left = (await Promise.all(left.map(async p => ((await isGone(p)) ? undefined : p)))).filter(p => p !== undefined)
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
