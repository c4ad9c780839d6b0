// One long-lived bash per lesson run: every step is sourced into it, so variables, functions,
// `cd` and "$@" carry across steps exactly as inside the bocker function being taught.
import { type ChildProcess, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { closeSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { ShellError } from '../core/errors.js'
import { descendants, signalAll } from './process-tree.js'
import { shellQuote } from './quote.js'
import { makeSessionDir, openTerminal, RUN_MARK, SHELL_PID_FILE } from './session-files.js'
import { deadResult, type StepResult } from './step-result.js'

export type { StepResult }

const SETUP_FILE = resolve(dirname(fileURLToPath(import.meta.url)), '../../src/shell/session.bash')
const GRACE_MS = 1500
const RESEND_MS = 200
/** after a quit, a step that still has not ended (its shell never answered) is killed */
const QUIT_WATCHDOG_MS = 6000
const STALE_SENTINEL = /\x1e([0-9a-f]{16}) [^\n]*\n/g

export interface RunOptions {
  timeoutMs: number
  onOutput?: (chunk: string) => void
  /** the step reads the learner's terminal (only when the session was started with one) */
  terminalInput?: boolean
  /** the shell options this code sets stay (the prelude's `set -o pipefail`); a step's are undone */
  keepOptions?: boolean
}

/** fd of the learner's terminal inside the lesson shell; steps get it only when they ask (stdin=terminal) */
const TERMINAL_FD = 3

interface Pending {
  nonce: string
  output: string
  started: number
  interrupted: boolean
  timedOut: boolean
  onOutput?: (chunk: string) => void
  resolve: (r: StepResult) => void
  timers: NodeJS.Timeout[]
}

export class Session {
  private buffer = ''
  private pending: Pending | undefined
  private counter = 0
  private stderrTail = ''
  readonly dir = makeSessionDir()
  exitInfo: { code: number | null; signal: string | null } | undefined
  private hasTerminal = false
  private stopListening = (): void => {}

  private constructor(private readonly child: ChildProcess) {
    child.stdout!.setEncoding('utf8').on('data', (d: string) => this.onStdout(d))
    child.stderr!.setEncoding('utf8').on('data', (d: string) => {
      this.stderrTail = (this.stderrTail + d).slice(-2000)
    })
    child.stdin!.on('error', () => {
      /* bash gone: reported through 'exit' */
    })
    child.on('exit', (code, signal) => {
      this.exitInfo = { code, signal }
      this.settle(-1, [], undefined, '', true)
    })
  }

  static async start(args: string[], o: { cwd?: string; terminal?: boolean; signal?: AbortSignal } = {}): Promise<Session> {
    // detached: bash leads its own process group, so Ctrl-C at the terminal reaches only us,
    // and we decide what the step's processes receive. With a terminal, bash holds it as fd 3
    // (reading it needs no controlling terminal), and hands it only to a step that asks.
    const terminal = o.terminal ? openTerminal() : undefined
    const stdio = ['pipe', 'pipe', 'pipe', ...(terminal === undefined ? [] : [terminal])] as const
    const child = spawn('bash', ['--noprofile', '--norc', '--noediting', '-i'], {
      cwd: o.cwd ?? '/',
      detached: true,
      stdio: [...stdio],
      env: { ...process.env, [RUN_MARK]: String(process.pid) },
    })
    if (terminal !== undefined) closeSync(terminal)
    const session = new Session(child)
    writeFileSync(join(session.dir, SHELL_PID_FILE), String(child.pid))
    session.hasTerminal = terminal !== undefined
    child.stdin!.write(`source ${shellQuote(SETUP_FILE)}\n`)
    const setup = await session.run(`set -- ${args.map(shellQuote).join(' ')}`, { timeoutMs: 10_000 })
    if (setup.status !== 0 || setup.shellDied) throw new ShellError('shell.startFailed', `${setup.output}${session.stderrTail}`.trim())
    // only now: a quit while the shell starts is seen by the run before its first step
    const quit = (): void => session.quit()
    o.signal?.addEventListener('abort', quit, { once: true })
    session.stopListening = () => o.signal?.removeEventListener('abort', quit)
    return session
  }

  get pid(): number {
    return this.child.pid!
  }
  get alive(): boolean {
    return this.exitInfo === undefined
  }
  get diagnostics(): string {
    return this.stderrTail.trim().split('\n').slice(-3).join('\n')
  }

  run(code: string, opts: RunOptions): Promise<StepResult> {
    if (this.pending) throw new Error('a step is already running')
    const nonce = randomBytes(8).toString('hex')
    if (!this.alive) return Promise.resolve(deadResult())
    const file = join(this.dir, `step-${++this.counter}.sh`)
    writeFileSync(file, `${code}\n__bl_ps=("\${PIPESTATUS[@]}" "$?")\n`)
    return new Promise(resolve => {
      const p: Pending = {
        nonce,
        output: '',
        started: performance.now(),
        interrupted: false,
        timedOut: false,
        onOutput: opts.onOutput,
        resolve,
        timers: [],
      }
      this.pending = p
      p.timers.push(
        setTimeout(() => {
          p.timedOut = true
          this.interrupt()
        }, opts.timeoutMs),
      )
      // `|| …` keeps a step's `set -e` from ending the shell; an aborted line (Ctrl-C, `exit`,
      // `set -u`) skips the assignment, so the second line falls back to $?.
      const input = opts.terminalInput && this.hasTerminal ? `<&${TERMINAL_FD}` : '</dev/null'
      const closeTerminal = this.hasTerminal ? ` ${TERMINAL_FD}<&-` : ''
      this.child.stdin!.write(
        `__bl_begin; source ${shellQuote(file)} ${input}${closeTerminal} 2>&1 && __bl_rc=0 || __bl_rc=$?\n__bl_finish "\${__bl_rc:-$?}" ${nonce}${opts.keepOptions ? ' keep' : ''}\n`,
      )
    })
  }

  /** Ctrl-C for the running step: SIGINT to the whole group, then force what ignores it. */
  interrupt(): void {
    const p = this.pending
    if (!p || !this.alive) return
    p.interrupted = true
    try {
      process.kill(-this.pid, 'SIGINT')
    } catch {
      /* gone */
    }
    // A container's PID 1 ignores SIGINT it has no handler for: escalate on the step's processes only.
    p.timers.push(setTimeout(() => signalAll(descendants(this.pid), 'SIGTERM'), GRACE_MS))
    p.timers.push(setTimeout(() => signalAll(descendants(this.pid), 'SIGKILL'), GRACE_MS * 2))
    // A SIGINT that lands while bash reads a line drops the line (the step's or the end-of-step one),
    // and bash would wait forever: say the end-of-step line again until the step has ended.
    // Repeats read after the real one are not output (STALE_SENTINEL).
    const again = setInterval(() => {
      if (this.pending === p) this.child.stdin!.write(`__bl_finish 130 ${p.nonce}\n`)
    }, RESEND_MS)
    p.timers.push(again)
  }

  /**
   * The run is quitting: stop the running step. If its shell never answers (a SIGINT landing while
   * bash runs the session's own end-of-step line loses it), end the shell: the step sees it die.
   */
  private quit(): void {
    const p = this.pending
    if (!p) return
    this.interrupt()
    setTimeout(() => {
      if (this.pending === p && this.alive) {
        try {
          process.kill(-this.pid, 'SIGKILL')
        } catch {
          /* gone */
        }
      }
    }, QUIT_WATCHDOG_MS).unref()
  }

  get busy(): boolean {
    return this.pending !== undefined
  }

  /** Variables, functions, "$@" and cwd as a bash file a child shell can source. */
  async dumpState(): Promise<string> {
    const file = join(this.dir, 'state.bash')
    const r = await this.run(`__bl_dump_state "$@" > ${shellQuote(file)}`, { timeoutMs: 10_000 })
    if (r.status !== 0) throw new ShellError('shell.stateFailed', r.output.trim())
    return readFileSync(file, 'utf8')
  }

  async close(): Promise<void> {
    this.stopListening()
    if (this.alive) {
      const exited = new Promise(resolve => this.child.once('exit', resolve))
      this.child.stdin!.end('builtin exit 0\n')
      const timer = setTimeout(() => {
        try {
          process.kill(-this.pid, 'SIGKILL')
        } catch {
          /* gone */
        }
      }, 2000)
      await exited
      clearTimeout(timer)
    }
    rmSync(this.dir, { recursive: true, force: true })
  }

  private onStdout(data: string): void {
    // a repeated end-of-step line of a step that already ended is not output
    this.buffer = (this.buffer + data).replace(STALE_SENTINEL, (line, nonce: string) => (nonce === this.pending?.nonce ? line : ''))
    const p = this.pending
    if (!p) {
      this.buffer = ''
      return
    }
    const marker = `\x1e${p.nonce} `
    const at = this.buffer.indexOf(marker)
    if (at < 0) {
      // keep back a possible partial marker; everything before it is output
      const hold = this.buffer.lastIndexOf('\x1e')
      const cut = hold >= 0 && this.buffer.length - hold <= marker.length + 64 ? hold : this.buffer.length
      this.emit(p, this.buffer.slice(0, cut))
      this.buffer = this.buffer.slice(cut)
      return
    }
    const end = this.buffer.indexOf('\n', at)
    if (end < 0) {
      this.emit(p, this.buffer.slice(0, at))
      this.buffer = this.buffer.slice(at)
      return
    }
    this.emit(p, this.buffer.slice(0, at))
    const [fields, changed = ''] = this.buffer.slice(at + marker.length, end).split('|')
    this.buffer = this.buffer.slice(end + 1)
    const [rc, exitCalled, ...ps] = (fields ?? '').split(' ')
    this.settle(Number(rc), ps.map(Number), exitCalled === '-' ? undefined : Number(exitCalled), changed, false)
  }

  private emit(p: Pending, text: string): void {
    if (!text) return
    p.output += text
    p.onOutput?.(text)
  }

  private settle(status: number, pipestatus: number[], exitCalled: number | undefined, optionsUndone: string, shellDied: boolean): void {
    const p = this.pending
    if (!p) return
    if (shellDied && this.buffer) this.emit(p, this.buffer.replace(/\x1e.*$/s, ''))
    this.pending = undefined
    for (const t of p.timers) clearTimeout(t)
    p.resolve({
      status: shellDied ? -1 : status,
      pipestatus: pipestatus.length ? pipestatus : [status],
      exitCalled,
      interrupted: p.interrupted,
      timedOut: p.timedOut,
      shellDied,
      optionsUndone,
      durationMs: performance.now() - p.started,
      output: p.output,
    })
  }
}
