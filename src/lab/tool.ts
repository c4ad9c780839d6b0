import { execa } from 'execa'

export interface ToolResult {
  ok: boolean
  code: number
  stdout: string
  stderr: string
}

/** Runs a program; a failure (non-zero exit, missing program) is a value, never an exception. */
export async function runTool(cmd: string, args: string[], opts: { timeoutMs?: number } = {}): Promise<ToolResult> {
  const r = await execa(cmd, args, { reject: false, stdin: 'ignore', timeout: opts.timeoutMs ?? 10_000 })
  const code = typeof r.exitCode === 'number' ? r.exitCode : 127
  return { ok: code === 0 && !r.failed, code, stdout: String(r.stdout ?? ''), stderr: String(r.stderr ?? '') }
}
