// `setup`: scripts/provision.sh makes (or with --undo removes) the lab; its lines are relayed as they come.
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import type { Outcome } from '../core/outcome.js'

// Same relative path from src/lab/ (tests) and dist/lab/ (installed package).
export const PROVISION_SCRIPT = fileURLToPath(new URL('../../scripts/provision.sh', import.meta.url))

export interface SetupOptions {
  /** also apt-get install the tools bocker needs */
  packages: boolean
  /** remove the lab instead (the caller resets containers and images first) */
  undo?: boolean
  out: (line: string) => void
  err: (line: string) => void
}

/**
 * Runs scripts/provision.sh (as root: the caller checks), relaying each line it prints.
 * Not through a Host: provision can take minutes (apt-get) and its lines must show as they come.
 */
export async function runSetup(opts: SetupOptions): Promise<Extract<Outcome, 'done' | 'failed'>> {
  const args = [PROVISION_SCRIPT, ...(opts.packages ? ['--packages'] : []), ...(opts.undo ? ['--undo'] : [])]
  // loaded here, not at start-up: only setup needs it
  const { execa } = await import('execa')
  const child = execa('bash', args, { reject: false, stdin: 'ignore', buffer: false })
  createInterface({ input: child.stdout }).on('line', opts.out)
  createInterface({ input: child.stderr }).on('line', opts.err)
  const result = await child
  return result.exitCode === 0 ? 'done' : 'failed'
}
