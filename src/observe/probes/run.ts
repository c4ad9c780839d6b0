import { spawn } from 'node:child_process'

export interface ToolResult {
  code: number
  stdout: string
  stderr: string
}

// Plain spawn rather than execa: probes run every step and execa's setup costs ~2 ms per call.
// Never rejects on a non-zero exit; a missing binary comes back as code 127.
export function runTool(file: string, args: string[], input = ''): Promise<ToolResult> {
  return new Promise((resolve) => {
    const child = spawn(file, args, { stdio: ['pipe', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d))
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d))
    child.on('error', (e) => resolve({ code: 127, stdout, stderr: stderr + String(e) }))
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }))
    child.stdin.on('error', () => {})
    child.stdin.end(input)
  })
}

export function isRoot(): boolean {
  return process.getuid?.() === 0
}
