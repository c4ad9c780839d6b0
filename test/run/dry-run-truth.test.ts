// The dry run never lies: for every step and try block of every lesson, the text it shows, run by
// bash, expands to the same commands as the lesson's own text with the same values. Every program is
// a stub that prints its arguments (PATH is empty, so bash calls command_not_found_handle), and it
// runs as nobody, so nothing on the machine changes.
import { spawnSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { findLesson, lessonNames } from '../../src/lesson/catalog.js'
import { loadLesson } from '../../src/lesson/parse.js'
import { bindArgs, planSteps } from '../../src/plan/plan.js'
import { evaluate, substitute } from '../../src/run/dry-run.js'
import { shellQuote } from '../../src/shell/quote.js'

const root = process.getuid?.() === 0
const cases = lessonNames().flatMap(name =>
  (['v1', 'v2'] as const).flatMap(mode => {
    const lesson = loadLesson(findLesson(name, 'en'))
    const plan = planSteps(lesson, mode)
    const args = bindArgs(lesson, [], () => true)
    const vars = evaluate(lesson, plan, args, 'ps_42032')
    return plan.steps.flatMap(step =>
      step.blocks.map((b, i) => ({ label: `${name} ${mode} ${step.id} #${i} ${b.role}`, lesson, args, vars, code: b.code })),
    )
  }),
)

function expanded(c: (typeof cases)[number]): { original: string; shown: string } {
  const declare = [...c.vars].map(([k, v]) => `${k}=${shellQuote(v)}`).join('\n')
  const script = [
    `set -- ${c.args.map(shellQuote).join(' ')}`,
    ...c.lesson.prelude.map(b => b.code),
    declare,
    // a stub reads what is piped to it, so that no writer before it dies of SIGPIPE by chance
    // (its line in one write: two background stubs must not mix their lines)
    `command_not_found_handle() { local l; printf -v l '<%s>' "$@"; printf '%s\n' "$l"; while IFS= read -r _; do :; done; return 0; }`,
    'PATH=/nonexistent-bocker-learn',
    // the same bash (the same $$) runs both, each in a subshell
    `( eval ${shellQuote(c.code)} ) 2>&1; echo "status $?"`,
    'echo @@@',
    `( eval ${shellQuote(substitute(c.code, c.vars, c.args))} ) 2>&1; echo "status $?"`,
  ].join('\n')
  // the blocks' redirections really write: into a /tmp of their own (a private tmpfs), never the machine's
  const asNobody = ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', 'bash', '--noprofile', '--norc', '-c', script, 'x']
  const r = spawnSync(
    'unshare',
    ['-m', '--propagation', 'private', 'sh', '-c', 'mount -t tmpfs bl-dry-run /tmp && exec "$@"', 'sh', ...asNobody],
    {
      encoding: 'utf8',
      cwd: '/',
      input: '',
      timeout: 30_000,
    },
  )
  // bash's own messages name the line of the script, which differs between the two
  const [original = '', shown = ''] = (r.stdout ?? '')
    .replace(/^[^\n:]*: (?:eval: )?line \d+: /gm, '')
    // and an experiment that times itself prints a different time each run
    .replace(/\d+m?\d*\.\d+ ?s\b/g, 'T s')
    .split('@@@\n')
  // background jobs print in any order: the lines are compared as a set
  const sorted = (t: string): string => t.split('\n').sort().join('\n')
  // a background job's pid ($!) differs between the two runs: where a block uses it, pids are masked
  const pids = (t: string): string => (c.code.includes('$!') ? t.replace(/(-g><|kill: \(-)\d+/g, '$1PID') : t)
  return { original: sorted(pids(original)), shown: sorted(pids(shown)) }
}

describe.runIf(root)('the dry run, against what bash runs', () => {
  it.each(cases.map(c => [c.label, c] as const))('%s', (_label, c) => {
    const { original, shown } = expanded(c)
    expect(shown).toBe(original)
  })
})
