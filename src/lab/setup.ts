import { execa } from 'execa'
import { fileURLToPath } from 'node:url'
import type { Context } from '../core/context.js'
import { runReset } from './reset.js'

// Same relative path from src/lab/ (tests) and dist/lab/ (installed package).
export const PROVISION_SCRIPT = fileURLToPath(new URL('../../scripts/provision.sh', import.meta.url))

export interface SetupOptions {
  /** also apt-get install the tools bocker needs */
  packages: boolean
  /** remove the lab instead (containers and images first) */
  undo?: boolean
  ctx: Context
}

export const notRootMessage = (ctx: Context, what: string): string =>
  ctx.lang === 'ja' ? `${what} は root で実行してください: sudo bocker-learn ${what}` : `${what} must run as root: sudo bocker-learn ${what}`

/** Runs scripts/provision.sh, relaying each line it prints. Returns its exit code (2 when not root). */
export async function runSetup(opts: SetupOptions): Promise<number> {
  const { ctx } = opts
  if (process.getuid?.() !== 0) {
    ctx.err(notRootMessage(ctx, 'setup'))
    return 2
  }
  if (opts.undo) {
    for (const line of await runReset({ images: true })) ctx.out(line)
  }
  const args = [PROVISION_SCRIPT, ...(opts.packages ? ['--packages'] : []), ...(opts.undo ? ['--undo'] : [])]
  const child = execa('bash', args, { reject: false, stdin: 'ignore', buffer: false })
  child.stdout?.setEncoding('utf8')
  child.stderr?.setEncoding('utf8')
  relayLines(child.stdout, ctx.out)
  relayLines(child.stderr, ctx.err)
  const result = await child
  return typeof result.exitCode === 'number' ? result.exitCode : 1
}

function relayLines(stream: NodeJS.ReadableStream | null, sink: (line: string) => void): void {
  if (!stream) return
  let pending = ''
  stream.on('data', (chunk: string) => {
    const parts = (pending + chunk).split('\n')
    pending = parts.pop() ?? ''
    for (const p of parts) sink(p)
  })
  stream.on('end', () => { if (pending) sink(pending) })
}
