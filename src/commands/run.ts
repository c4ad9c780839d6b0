import { isatty } from 'node:tty'
import { existsSync } from 'node:fs'
import { UsageError } from '../core/errors.js'
import type { Command } from './command.js'
import type { Context } from '../core/context.js'
import { parseFlags } from './options.js'
import { findLesson } from '../lesson/catalog.js'
import { loadLesson } from '../lesson/parse.js'
import { detectCgroupMode } from '../lab/cgroup-mode.js'
import { LAB_MARKER } from '../lab/paths.js'
import { bindArgs, planSteps, resolveFrom } from '../plan/plan.js'
import { printDryRun } from '../run/dry-run.js'
import { ensureLab } from '../run/preflight.js'
import { runLesson } from '../run/lesson-run.js'
import { pinnedRefusal, uuidFormProblem, uuidTaken } from '../run/uuid-claim.js'

const USAGE = 'bocker-learn run <lesson> [--yes] [--dry-run] [--from N|ID] [--uuid ps_NNNNN] [--keep] [--no-state] [--setup] [--trust] [--lang ja|en] [--] [args...]'

const HELP = {
  ja: [
    '--yes          質問せずに最後まで実行（リハーサル・CI）。終了時にコンテナも削除',
    '--dry-run      何も実行せず、わかる変数を値に置き換えてコマンドを表示（root 不要）',
    '--from N|ID    N 番目（またはその id）のステップまで静かに実行してから止まる',
    '--uuid ps_N    コンテナの uuid を固定する（例: ps_42032）',
    '--keep         後片付けをしない（コンテナも veth も残す）',
    '--no-state     各ステップの後にシステムの変化を表示しない',
    '--setup        実習環境が足りなければ、聞かずに setup する',
    '--trust        lessons/ 以外のレッスンファイルを --yes で実行することを認める',
    '-- の後ろはすべてレッスンの引数（例: -- img_42001 ls --color）'
  ],
  en: [
    '--yes          no questions (rehearsals, CI); the container is removed at the end',
    '--dry-run      run nothing; print each command with the variables it can know (no root needed)',
    '--from N|ID    run the steps before N (or that id) quietly, then pause',
    '--uuid ps_N    pin the container uuid (e.g. ps_42032)',
    '--keep         no teardown (the container, veth and netns stay)',
    '--no-state     do not show what changed after each step',
    '--setup        set up a missing lab without asking',
    '--trust        allow --yes for a lesson file outside lessons/',
    'everything after -- is the lesson\'s arguments (e.g. -- img_42001 ls --color)'
  ]
}

const run: Command = {
  usage: USAGE,
  async run (argv: string[], ctx: Context): Promise<number> {
    const { values: v, positionals } = parseFlags(argv, {
      yes: { type: 'boolean', short: 'y' }, 'dry-run': { type: 'boolean' }, from: { type: 'string' },
      uuid: { type: 'string' }, keep: { type: 'boolean' }, setup: { type: 'boolean' }, trust: { type: 'boolean' },
      'no-state': { type: 'boolean' }
    }, USAGE)
    if (v.help) { ctx.out(`usage: ${USAGE}`); for (const l of HELP[ctx.lang]) ctx.out(`  ${l}`); return 0 }
    const [name, ...rest] = positionals
    if (!name) throw new UsageError(`which lesson? ${USAGE} (see \`bocker-learn list\`)`)
    const ref = findLesson(name, ctx.lang)
    const lesson = loadLesson(ref)
    const form = v.uuid === undefined ? undefined : uuidFormProblem(v.uuid)
    if (form) throw new UsageError(pinnedRefusal(v.uuid!, form))
    const dryRun = v['dry-run'] === true
    // whether an image exists is asked after the lab check: with nothing mounted on /var/bocker, say that
    const args = bindArgs(lesson, rest, () => true)
    const mode = detectCgroupMode()
    const plan = planSteps(lesson, mode)
    const startAt = resolveFrom(v.from, plan.steps)
    if (dryRun) return await printDryRun(lesson, plan, args, v.uuid, ctx)

    if (process.getuid?.() !== 0) throw new UsageError(`run needs root: sudo bocker-learn run ${name} (or add --dry-run to see the commands without running anything)`)
    const interactive = !v.yes
    if (interactive && !(isatty(0) && isatty(1))) throw new UsageError('no terminal to ask questions at: add --yes to run every step without asking')
    if (ref.outside) {
      ctx.err(`${ref.file} is not one of bocker-learn's lessons: its steps run as root on this machine.`)
      if (v.yes && !v.trust) throw new UsageError('refusing to run a lesson from outside lessons/ with --yes: add --trust if you have read it')
    }
    // Lessons run real root commands: only on a machine that setup/provisioning marked as a lab VM.
    const marked = existsSync(LAB_MARKER)
    if (!marked && !v.setup && !interactive) {
      throw new UsageError(`this machine is not marked as a lab VM (${LAB_MARKER} is missing): lessons run real root commands, so use a throw-away VM and run \`sudo bocker-learn setup\` there (or pass --setup)`)
    }
    if (!(await ensureLab({ ctx, interactive, setup: v.setup === true, unmarked: !marked }))) return 2
    bindArgs(lesson, rest, existsSync)
    // checked again when the uuid step claims it (another run may take it meanwhile)
    const taken = v.uuid === undefined ? undefined : uuidTaken(v.uuid)
    if (taken) throw new UsageError(pinnedRefusal(v.uuid!, taken))
    return await runLesson({ lesson, ref, args, plan, startAt, mode, ctx, yes: !interactive, keep: v.keep === true, uuid: v.uuid, showState: !v['no-state'] })
  }
}
export default run
