// What a learner's run tells the room (POST /report): where it is and how its checks went, never
// output. The server takes nothing else: every field is checked for type and size, and only shown
// escaped.
import { CODE_PATTERN, validName } from './address.js'

export const REPORT_MAX_BYTES = 2048

export interface Report {
  /** the room code */
  room: string
  name: string
  lesson: string
  /** the step's id ('' before the first step) */
  step: string
  n: number
  total: number
  /** this step's checks that held */
  held: number
  /** the labels of this step's checks that failed */
  failed: string[]
  /** milliseconds on the step */
  ms: number
  /** the learner's run is over */
  ended: boolean
}

const FIELDS = new Set(['room', 'name', 'lesson', 'step', 'n', 'total', 'held', 'failed', 'ms', 'ended'])
const LESSON = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}$/
const STEP = /^(?:[a-z0-9][a-z0-9-]{0,63})?$/
const count = (v: unknown, max: number): v is number => Number.isSafeInteger(v) && (v as number) >= 0 && (v as number) <= max
const LABEL = /^[^\u0000-\u001f\u007f-\u009f\u2028\u2029]{1,200}$/u

/** the report, or undefined when it is not one (a 400): unknown fields, wrong types, too long */
export function parseReport(body: string): Report | undefined {
  let v: unknown
  try {
    v = JSON.parse(body)
  } catch {
    return undefined
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return undefined
  const r = v as Record<string, unknown>
  if (Object.keys(r).some(k => !FIELDS.has(k))) return undefined
  const { room, name, lesson, step, n, total, held, failed, ms, ended } = r
  if (typeof room !== 'string' || !CODE_PATTERN.test(room)) return undefined
  if (typeof name !== 'string' || !validName(name)) return undefined
  if (typeof lesson !== 'string' || !LESSON.test(lesson)) return undefined
  if (typeof step !== 'string' || !STEP.test(step)) return undefined
  if (!count(n, 999) || !count(total, 999) || n > total || !count(held, 999)) return undefined
  if (!Array.isArray(failed) || failed.length > 20 || !failed.every(l => typeof l === 'string' && LABEL.test(l))) return undefined
  if (!count(ms, 7 * 24 * 3600 * 1000)) return undefined
  if (ended !== undefined && typeof ended !== 'boolean') return undefined
  return { room, name, lesson, step, n, total, held, failed: failed as string[], ms, ended: ended === true }
}
