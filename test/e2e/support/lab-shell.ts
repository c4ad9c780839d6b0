// Shell helpers for the lab tests: a timed `bash -c`, and a sandbox with its own network and mount
// namespace (mounts propagate in from the host, not out), so destructive steps leave the host alone.
import { spawn, spawnSync } from 'node:child_process'
import { readFileSync, readlinkSync } from 'node:fs'

export interface Ran {
  code: number | null
  out: string
  err: string
  ms: number
}
export function sh(script: string, env: Record<string, string> = {}, wrap: string[] = []): Ran {
  const start = performance.now()
  const [cmd, ...args] = [...wrap, 'bash', '-c', script]
  const r = spawnSync(cmd!, args, { encoding: 'utf8', env: { ...process.env, ...env } })
  return { code: r.status, out: r.stdout, err: r.stderr, ms: Math.round(performance.now() - start) }
}
export const sleep = (ms: number): Promise<void> => new Promise(r => setTimeout(r, ms))

/** A process holding its own network and mount namespace (mounts propagate in from the host, not out). */
export class Sandbox {
  private constructor(readonly pid: number) {}
  static async open(): Promise<Sandbox> {
    const child = spawn('unshare', ['--net', '--mount', '--propagation', 'slave', 'sleep', '600'], { stdio: 'ignore' })
    const pid = child.pid!
    const ours = readlinkSync('/proc/self/ns/net')
    for (let i = 0; i < 200; i++) {
      try {
        if (readlinkSync(`/proc/${pid}/ns/net`) !== ours && readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'sleep')
          return new Sandbox(pid)
      } catch {
        /* not started yet */
      }
      await sleep(10)
    }
    throw new Error('sandbox did not start')
  }
  sh(script: string, env: Record<string, string> = {}): Ran {
    return sh(script, env, ['nsenter', `--target=${this.pid}`, '--net', '--mount', '--'])
  }
  close(): void {
    try {
      process.kill(this.pid, 'SIGKILL')
    } catch {
      /* gone */
    }
  }
}
