// The one way bocker-learn runs a program on the host (ip, btrfs, nsenter, unshare…). A failure
// (non-zero exit, missing program, timeout) is a value, never an exception. Probes and lab
// operations take a Host, so their logic can be tested with a table of results instead of root.
import { spawn } from 'node:child_process'

export interface HostResult {
  ok: boolean
  /** exit status; 127 when the program is missing, 124 after a timeout */
  code: number
  stdout: string
  stderr: string
}

export interface HostOptions {
  input?: string
  timeoutMs?: number
}

export type Host = (file: string, args: string[], opts?: HostOptions) => Promise<HostResult>

const DEFAULT_TIMEOUT_MS = 10_000

// Plain spawn rather than execa: probes run every step and execa's set-up costs ~2 ms a call.
export const realHost: Host = (file, args, opts = {}) =>
  new Promise(resolve => {
    const child = spawn(file, args, { stdio: ['pipe', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    let timedOut = false
    const timer = setTimeout(() => {
      timedOut = true
      child.kill('SIGKILL')
    }, opts.timeoutMs ?? DEFAULT_TIMEOUT_MS)
    const done = (code: number): void => {
      clearTimeout(timer)
      resolve({ ok: code === 0, code, stdout, stderr })
    }
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d
    })
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d
    })
    child.on('error', e => {
      stderr += String(e)
      done(127)
    })
    child.on('close', code => done(timedOut ? 124 : (code ?? 1)))
    child.stdin.on('error', () => {})
    child.stdin.end(opts.input ?? '')
  })

/** bocker, every lab change, and looking where only root may (another netns, other users' /proc) */
export const isRoot = (): boolean => process.getuid?.() === 0
