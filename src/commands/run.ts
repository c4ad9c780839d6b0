// `bocker-learn run <lesson>`: check everything that can be checked before anything runs, then run
// the lesson with its renderers (the terminal, and --events FILE).
import { existsSync } from 'node:fs'
import { isatty } from 'node:tty'
import kleur from 'kleur'
import type { Context } from '../core/context.js'
import { UsageError } from '../core/errors.js'
import { isRoot } from '../core/host.js'
import type { Outcome } from '../core/outcome.js'
import { findCourseThing } from '../course/needs.js'
import { markFinished } from '../course/progress.js'
import { detectCgroupMode } from '../lab/cgroup-mode.js'
import { LAB_MARKER } from '../lab/paths.js'
import { findLesson } from '../lesson/catalog.js'
import { readLesson } from '../lesson/read.js'
import type { Lesson, Need } from '../lesson/types.js'
import { bindArgs, planSteps, resolveFrom } from '../plan/plan.js'
import { formatDryRun } from '../render/dry-run.js'
import { loadEnquirer, TerminalPrompter } from '../render/terminal/prompts.js'
import { TerminalRenderer } from '../render/terminal/renderer.js'
import { pinRefused } from '../render/uuid.js'
import { t, type WordKey } from '../render/words/index.js'
import { dryRun } from '../run/dry-run.js'
import { EventBus, type Renderer } from '../run/events.js'
import { runLesson } from '../run/lesson-run.js'
import { labGaps } from '../run/preflight.js'
import { uuidFormProblem, uuidTaken } from '../run/uuid-claim.js'
import type { Command } from './command.js'
import { courseThings } from './course-things.js'
import { ensureLab } from './ensure-lab.js'
import { parseFlags } from './options.js'
import { checkOutputs, type OutputFlags, openOutputs } from './run-outputs.js'

const USAGE =
  'bocker-learn run <lesson> [--yes] [--dry-run] [--from N|ID] [--uuid ps_NNNNN] [--keep] [--no-state] [--events FILE] [--record FILE.cast] [--serve [ADDR:]PORT [--stuck-after SECONDS]] [--report URL --name NAME] [--setup] [--trust] [--lang ja|en] [--] [args...]'
const RUN_OPTIONS = {
  yes: { type: 'boolean', short: 'y' },
  'dry-run': { type: 'boolean' },
  from: { type: 'string' },
  uuid: { type: 'string' },
  keep: { type: 'boolean' },
  setup: { type: 'boolean' },
  trust: { type: 'boolean' },
  'no-state': { type: 'boolean' },
  events: { type: 'string' },
  record: { type: 'string' },
  serve: { type: 'string' },
  'stuck-after': { type: 'string' },
  report: { type: 'string' },
  name: { type: 'string' },
  // set by `course`: the container the lesson makes stays for the next lessons, unasked
  course: { type: 'boolean' },
} as const

const HELP: WordKey[] = [
  'run.help.yes',
  'run.help.dryRun',
  'run.help.from',
  'run.help.uuid',
  'run.help.keep',
  'run.help.noState',
  'run.help.events',
  'run.help.record',
  'run.help.serve',
  'run.help.stuckAfter',
  'run.help.report',
  'run.help.setup',
  'run.help.trust',
  'run.help.args',
]

const run: Command = {
  usage: USAGE,
  async run(argv: string[], ctx: Context): Promise<Outcome> {
    const { values: v, positionals } = parseFlags(lessonArgsAfterDashes(argv), RUN_OPTIONS, USAGE)
    if (v.help) {
      ctx.out(t(ctx.lang, 'cli.usage', { usage: USAGE }))
      for (const key of HELP) ctx.out(`  ${t(ctx.lang, key)}`)
      return 'done'
    }
    const [name, ...rest] = positionals
    if (!name) throw new UsageError('cli.whichLesson', { usage: USAGE })
    const ref = findLesson(name, ctx.lang)
    const lesson = await readLesson(ref)
    // the lab check spawns a few programs: let them run while the lesson is checked
    const gaps = !v['dry-run'] && isRoot() ? labGaps(lesson.services) : undefined
    gaps?.catch(() => undefined)
    if (!v.yes && !v['dry-run']) void loadEnquirer().catch(() => undefined)
    const pin = v.uuid
    const form = pin === undefined ? undefined : uuidFormProblem(pin)
    if (form) throw new UsageError('cli.phrase', { phrase: pinRefused(form) })
    // whether an image exists is asked after the lab check: with nothing mounted on /var/bocker, say that
    // a dry run shows the course's container and image when there are some (it makes none)
    const known = v['dry-run'] ? Object.fromEntries(lesson.needs.map(n => [n, findCourseThing(n) ?? `{${n}}`])) : undefined
    const args = bindArgs(lesson, rest, () => true, known)
    const mode = detectCgroupMode()
    const plan = planSteps(lesson, mode)
    const startAt = resolveFrom(v.from, plan.steps)
    // said once nothing more is refused (a refusal stays one line)
    const misplaced = ownOptionsGivenToLesson(argv).join(' ')
    const sayMisplaced = (): void => {
      if (misplaced) ctx.err(t(ctx.lang, 'run.optionsToLesson', { options: misplaced, lesson: name, first: rest[0] ?? '' }))
    }
    if (v['dry-run']) {
      sayMisplaced()
      for (const line of formatDryRun(dryRun(lesson, plan, args, pin), lesson.name, ctx.lang)) ctx.out(line)
      return 'done'
    }

    // options first: what was mistyped is said before what the machine lacks
    const outputFlags: OutputFlags = {
      events: v.events,
      record: v.record,
      serve: v.serve,
      report: v.report,
      name: v.name,
      stuckAfter: v['stuck-after'],
    }
    checkOutputs(outputFlags)
    if (!isRoot()) throw new UsageError('run.needsRoot', { name })
    const interactive = !v.yes
    if (interactive && !(isatty(0) && isatty(1))) throw new UsageError('run.noTerminal')
    if (ref.outside) {
      ctx.err(t(ctx.lang, 'run.outsideWarning', { file: ref.file }))
      if (v.yes && !v.trust) throw new UsageError('run.outsideYes')
    }
    // Lessons run real root commands: only on a machine that setup/provisioning marked as a lab VM.
    const marked = existsSync(LAB_MARKER)
    if (!marked && !v.setup && !interactive) throw new UsageError('run.notMarked', { marker: LAB_MARKER })
    if (!(await ensureLab({ ctx, interactive, setup: v.setup === true, unmarked: !marked, gaps: gaps!, services: lesson.services })))
      return 'usage'
    const things = lesson.needs.length > 0 ? await courseThings(lesson, neededHere(lesson, rest), ctx, mode) : {}
    if (!things) return 'failed'
    const boundArgs = bindArgs(lesson, rest, existsSync, things)
    // checked again when the uuid step claims it (another run may take it meanwhile)
    const taken = pin === undefined ? undefined : uuidTaken(pin)
    if (taken) throw new UsageError('cli.phrase', { phrase: pinRefused(taken) })

    sayMisplaced()
    const outputs = await openOutputs(outputFlags, lesson, ctx, writeOut)
    const terminal = new TerminalRenderer(lesson, {
      lang: ctx.lang,
      color: kleur.enabled && process.stdout.isTTY === true,
      out: outputs.out,
      err: outputs.err,
    })
    const renderers: Renderer[] = [terminal, ...outputs.renderers]
    const outcome = await runLesson({
      lesson,
      ref,
      args: boundArgs,
      things,
      keepMade: v.course === true,
      plan,
      startAt,
      mode,
      lang: ctx.lang,
      keep: v.keep === true,
      pin,
      showChanges: !v['no-state'],
      events: new EventBus(renderers),
      prompter: interactive
        ? new TerminalPrompter(ctx.lang, async () => {
            await terminal.flush()
          })
        : undefined,
      parentSignal: ctx.signal,
      onFinished: exercises => {
        if (!ref.outside) markFinished(lesson.name, ctx.lang, exercises)
      },
    })
    await outputs.finish()
    return outcome
  },
}

/** a need whose argument the learner gave is not needed: `run bocker_commit ps_42100 img_42100` makes nothing */
function neededHere(lesson: Lesson, given: string[]): Need[] {
  return lesson.needs.filter(need => {
    const i = lesson.args.findIndex(a => a.default === `{${need}}`)
    return i < 0 || given.length <= i
  })
}

const VALUED = new Set(
  Object.entries(RUN_OPTIONS)
    .filter(([, o]) => o.type === 'string')
    .map(([name]) => `--${name}`),
)

/** where the lesson's arguments start when the learner wrote no `--`: at the lesson's first argument */
function lessonArgsStart(argv: string[]): number | undefined {
  let positionals = 0
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!
    if (a === '--') return undefined
    if (a.startsWith('-') && a !== '-') {
      if (VALUED.has(a)) i++
      continue
    }
    if (++positionals === 2) return i
  }
  return undefined
}

/**
 * Like bocker and docker, options stop at the lesson's first argument: `run bocker_run img_42001 ls -l /`
 * gives `ls -l /` to the lesson. A `--` there makes parseArgs take the rest as they are.
 */
export function lessonArgsAfterDashes(argv: string[]): string[] {
  const at = lessonArgsStart(argv)
  return at === undefined ? argv : [...argv.slice(0, at), '--', ...argv.slice(at)]
}

const OWN = new Set([...Object.keys(RUN_OPTIONS).map(name => `--${name}`), '-y', '--help'])

/**
 * run's own options written among the lesson's arguments (`run bocker_run img_42001 --serve 8411`):
 * they go to the lesson, as bocker would take them, which is seldom what was meant. Not after a `--`.
 */
export function ownOptionsGivenToLesson(argv: string[]): string[] {
  const at = lessonArgsStart(argv)
  if (at === undefined) return []
  const own: string[] = []
  for (let i = at; i < argv.length; i++) {
    const a = argv[i]!
    if (!OWN.has(a.split('=')[0]!)) continue
    own.push(VALUED.has(a) && i + 1 < argv.length ? `${a} ${argv[++i]}` : a)
  }
  return own
}

// a closed terminal (SIGHUP) or a reader gone (EPIPE) must not crash the teardown
function writeOut(text: string): void {
  try {
    process.stdout.write(text)
  } catch {
    /* gone */
  }
}

export default run
