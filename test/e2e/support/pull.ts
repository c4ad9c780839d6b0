// What a pull lesson could leave on the machine: its temp dirs (/tmp/<uuidgen>[-word]), the record
// of what it holds, the lab services' processes, and images. A finished pull leaves only its image.
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { LEDGER } from './helpers.js'

const ls = (dir: string): string[] => {
  try {
    return readdirSync(dir)
  } catch {
    return []
  }
}
const TMP = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(-[a-z0-9]+)?$/

export const images = (): string[] =>
  execFileSync('btrfs', ['subvolume', 'list', '/var/bocker'], { encoding: 'utf8' })
    .split('\n')
    .map(l => l.replace(/^.* path /, ''))
    .filter(n => /^img_\d{5}$/.test(n))
    .sort()

export function serviceProcesses(): string[] {
  const found: string[] = []
  for (const pid of ls('/proc').filter(p => /^\d+$/.test(p))) {
    let cmd = ''
    try {
      cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ').trim()
    } catch {
      continue
    }
    if (/docker-registry serve \/var\/lib\/bocker-learn\/|lab\/registry\/hub-main\.js/.test(cmd)) found.push(`${pid} ${cmd}`)
  }
  return found
}

/** Everything of a pull run that must be gone once it ended (its finished image aside). */
export function pullLeftovers(): string[] {
  return [
    ...ls('/tmp')
      .filter(n => TMP.test(n))
      .map(n => `/tmp/${n}`),
    ...ls(LEDGER)
      .filter(n => n.startsWith('held-'))
      .map(n => `${LEDGER}/${n}`),
    ...serviceProcesses(),
    ...(existsSync(`${LEDGER}/services.json`) ? ['services.json'] : []),
  ]
}

/** The images that appeared since `before` (what a test made and must delete). */
export const newImages = (before: string[]): string[] => images().filter(i => !before.includes(i))

export function deleteImages(names: string[]): void {
  for (const n of names) execFileSync('btrfs', ['subvolume', 'delete', `/var/bocker/${n}`], { stdio: 'ignore' })
}

export const createdImage = (out: string): string | undefined => /^Created: (img_\d{5})$/m.exec(out)?.[1]
