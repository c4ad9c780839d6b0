// A child bash that owns the terminal, started from the lesson shell's state: for `tty` steps
// and for "open a shell here". What it changes in variables does not flow back.
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { SESSION_DIR_PREFIX } from './session-files.js'
import type { StepResult } from './step-result.js'

async function withStateFile<T>(state: string, fn: (file: string) => Promise<T>): Promise<T> {
  // named like the session's step files (with our pid): after a SIGKILL, reset and the next run remove it
  const dir = mkdtempSync(join(tmpdir(), `${SESSION_DIR_PREFIX}${process.pid}-child-`))
  const file = join(dir, 'state.bash')
  writeFileSync(file, `${state}\nPS1='(bocker-learn) \\w# '\n`)
  try {
    return await fn(file)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

function wait(args: string[]): Promise<{ code: number; ms: number }> {
  const started = performance.now()
  return new Promise(resolve => {
    const child = spawn('bash', args, { stdio: 'inherit' })
    child.on('exit', (code, signal) => resolve({ code: code ?? (signal ? 128 + 2 : 1), ms: performance.now() - started }))
  })
}

export async function runInChildShell(state: string, code: string): Promise<StepResult> {
  return await withStateFile(state, async file => {
    const r = await wait(['--noprofile', '--norc', '-c', `source "$1" 2>/dev/null; ${code}`, 'bocker-learn', file])
    return {
      status: r.code,
      pipestatus: [r.code],
      interrupted: false,
      timedOut: false,
      shellDied: false,
      optionsUndone: '',
      durationMs: r.ms,
      output: '',
    }
  })
}

export async function openChildShell(state: string): Promise<void> {
  await withStateFile(state, async file => {
    await wait(['--noprofile', '--rcfile', file, '-i'])
  })
}
