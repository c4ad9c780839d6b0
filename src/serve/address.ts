// The addresses of the workshop room: where --serve listens, where --report sends.
import { UsageError } from '../core/errors.js'

export interface Listen {
  host: string
  port: number
}

/** the room code's letters: no 0/O, 1/I to misread on a projector */
export const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'
export const CODE_PATTERN = /^[ABCDEFGHJKLMNPQRSTUVWXYZ23456789]{6}$/

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/

/** --stuck-after SECONDS → ms: how long on a step (and over twice the room's median) counts as stuck */
export function parseStuckAfter(value: string): number {
  const s = /^\d{1,4}$/.test(value) ? Number(value) : Number.NaN
  if (!(s >= 1 && s <= 3600)) throw new UsageError('serve.badStuckAfter', { value })
  return s * 1000
}

/** `[ADDR:]PORT` → where to listen (127.0.0.1 unless an address is given); a UsageError if malformed */
export function parseListen(value: string): Listen {
  const bad = (): UsageError => new UsageError('serve.badListen', { value })
  const colon = value.lastIndexOf(':')
  const addr = colon < 0 ? '' : value.slice(0, colon)
  const portText = colon < 0 ? value : value.slice(colon + 1)
  if (!/^\d{1,5}$/.test(portText)) throw bad()
  const port = Number(portText)
  if (port < 1 || port > 65535) throw bad()
  if (colon < 0) return { host: '127.0.0.1', port }
  // `localhost` may resolve to ::1 first; the room is IPv4
  if (addr.toLowerCase() === 'localhost') return { host: '127.0.0.1', port }
  const m = IPV4.exec(addr)
  if (!m || m.slice(1).some(o => Number(o) > 255 || (o.length > 1 && o.startsWith('0')))) throw bad()
  return { host: addr, port }
}

export interface ReportTarget {
  /** the teacher server's report endpoint */
  url: string
  /** the room code, from the URL's ?room= */
  code: string
  name: string
}

/** letters and digits of any script (Japanese names included), `-_.`, and the katakana middle dot */
const NAME = /^[\p{L}\p{N}\p{M}_.\-・]+$/u

export function validName(name: string): boolean {
  const n = [...name].length
  return n >= 1 && n <= 32 && NAME.test(name)
}

/** `--report URL --name NAME` checked: a UsageError if the URL, its room code or the name is bad */
export function parseReportTarget(url: string, name: string): ReportTarget {
  let u: URL
  try {
    u = new URL(url)
  } catch {
    throw new UsageError('serve.badReportUrl', { url })
  }
  const code = (u.searchParams.get('room') ?? '').toUpperCase()
  if (u.protocol !== 'http:' || u.username !== '' || u.password !== '' || !CODE_PATTERN.test(code))
    throw new UsageError('serve.badReportUrl', { url })
  if (!validName(name)) throw new UsageError('serve.badName', { name })
  return { url: `${u.origin}/report`, code, name }
}
