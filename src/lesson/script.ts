// A lesson's runnable code as one plain bash script (for the benchmark's raw-bash side, and for reading).
import type { Plan } from '../plan/plan.js'
import { shellQuote } from '../shell/quote.js'
import type { Lesson } from './types.js'

const RESTORE_OPTIONS = `__bl_opts=$SHELLOPTS
__bl_restore () {
  local o IFS=:
  for o in $SHELLOPTS; do [[ :$__bl_opts: == *:$o:* ]] || set +o "$o"; done
  for o in $__bl_opts; do [[ :$SHELLOPTS: == *:$o:* ]] || set -o "$o"; done
}`

export function lessonScript(
  lesson: Lesson,
  plan: Plan,
  args: string[],
  opts: { checks: boolean; uuid?: string; things?: Record<string, string>; bockerDir?: string },
): string {
  // what a run sets up before the prelude: the lab's bocker on the PATH, the course's container and image
  const setup = [
    ...(opts.bockerDir ? [`export PATH=${shellQuote(opts.bockerDir)}:"$PATH"`] : []),
    ...Object.entries(opts.things ?? {}).map(([need, id]) => `course_${need}=${shellQuote(id)}`),
  ]
  const parts = [`set -- ${args.map(shellQuote).join(' ')}`, ...setup, ...lesson.prelude.map(b => b.code), RESTORE_OPTIONS]
  // as in the lesson shell, options a block sets (set -e, set -u…) are undone after it; the prelude's stay
  const block = (code: string): string => `${code}\n__bl_restore`
  for (const step of plan.steps) {
    parts.push(`# step ${step.id}`)
    // an exercise as --yes runs it: the check (failing), the model solution, the check
    // (in a subshell: a check's `exit 1` ends only the check, as in the lesson shell)
    if (step.exercise) {
      const check = `(\n${step.exercise.check.code}\n)`
      parts.push(`${check} || true`, block(step.exercise.solution.code), check)
    }
    for (const b of step.blocks) parts.push(block(b.code))
    if (step.allocatesUuid && opts.uuid) parts.push(`uuid=${opts.uuid}`)
    if (opts.checks) parts.push(...step.checks.map(c => block(c.code)))
  }
  parts.push(...lesson.teardown.map(b => b.code))
  return parts.join('\n') + '\n'
}
