// Which steps run, from where, with which arguments (pure).
import { existsSync } from 'node:fs'
import { UsageError } from '../core/errors.js'
import { withCourseDefaults } from '../course/needs.js'
import type { CgroupMode } from '../lab/cgroup-mode.js'
import type { Lesson, Need, Step } from '../lesson/types.js'

export interface Plan {
  steps: Step[]
  leftOut: Step[]
}

export function planSteps(lesson: Lesson, mode: CgroupMode): Plan {
  const fits = (s: Step): boolean => s.when === undefined || s.when === `cgroup-${mode}`
  return { steps: lesson.steps.filter(fits), leftOut: lesson.steps.filter(s => !fits(s)) }
}

/** `--from 7` (1-based, in the plan) or `--from veth-add` → 0-based index into the plan */
export function resolveFrom(from: string | undefined, steps: Step[]): number {
  if (from === undefined) return 0
  const n = Number(from)
  if (Number.isInteger(n) && n >= 1 && n <= steps.length) return n - 1
  const i = steps.findIndex(s => s.id === from)
  if (i >= 0) return i
  throw new UsageError('plan.badFrom', { from, last: steps.length, ids: steps.map(s => s.id).join(', ') })
}

/**
 * The lesson's positional parameters ($1, $2…), from the command line or the defaults. A default
 * `{container}` / `{image}` is the course's one (`things`); before it is known, it stays as written
 * and is not checked.
 */
export function bindArgs(
  lesson: Lesson,
  argv: string[],
  pathExists: (path: string) => boolean = existsSync,
  things?: Partial<Record<Need, string>>,
): string[] {
  const usage = lesson.args.map(a => `<${a.name}${a.rest ? '...' : ''}>`).join(' ')
  const values: string[] = []
  for (const [i, spec] of lesson.args.entries()) {
    const given = spec.rest ? argv.slice(i) : argv.slice(i, i + 1)
    const byDefault = things === undefined ? spec.default : withCourseDefaults(spec.default, things)
    const words = given.length > 0 ? given : byDefault !== undefined ? [byDefault] : []
    if (words.length === 0) throw new UsageError('plan.missingArg', { arg: spec.name, lesson: lesson.name, usage })
    for (const value of words) {
      if (given.length === 0 && /^\{\w+\}$/.test(value)) continue
      if (spec.pattern && !new RegExp(spec.pattern).test(value)) {
        throw new UsageError('plan.badArg', { arg: spec.name, value, pattern: spec.pattern, lesson: lesson.name })
      }
      const path = spec.exists?.replace('{}', value)
      if (path && !pathExists(path)) {
        throw new UsageError('plan.noImage', { value, path, dir: path.replace(/\/[^/]*$/, '') })
      }
    }
    values.push(...words)
  }
  const extra = lesson.args.some(a => a.rest) ? [] : argv.slice(lesson.args.length)
  if (extra.length > 0) throw new UsageError('plan.tooMany', { extra: extra.join(' '), lesson: lesson.name, usage })
  return values
}
