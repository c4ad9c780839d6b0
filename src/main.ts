// bocker-learn <command>: dispatch, and the only place that turns outcomes and errors into exit codes.
import { readFileSync } from 'node:fs'
import { COMMANDS } from './commands/index.js'
import { closest } from './core/closest.js'
import type { Context, Lang } from './core/context.js'
import { ShellError, UsageError } from './core/errors.js'
import { EXIT_CODE, type Outcome } from './core/outcome.js'
import { LessonError } from './lesson/types.js'
import { formatProblem } from './render/problems.js'
import { t } from './render/words/index.js'

export function detectLang(argv: string[], env = process.env): Lang {
  const i = argv.findIndex(a => a === '--lang' || a.startsWith('--lang='))
  const flag = i < 0 ? undefined : argv[i]!.includes('=') ? argv[i]!.split('=')[1] : argv[i + 1]
  if (flag !== undefined) {
    if (flag !== 'ja' && flag !== 'en') throw new UsageError('cli.badLang', { value: flag })
    return flag
  }
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || ''
  return /^ja/i.test(locale) ? 'ja' : 'en'
}

/** --lang is global: every command gets its argv without it */
function withoutLang(argv: string[]): string[] {
  const out: string[] = []
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--lang') i++
    else if (!argv[i]!.startsWith('--lang=')) out.push(argv[i]!)
  }
  return out
}

function version(): string {
  return (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version
}

function help(ctx: Context): void {
  ctx.out(t(ctx.lang, 'cli.tagline'))
  ctx.out('')
  ctx.out(t(ctx.lang, 'cli.usage', { usage: 'bocker-learn <command> [options]' }))
  for (const [name, entry] of Object.entries(COMMANDS)) ctx.out(`  ${name.padEnd(8)} ${t(ctx.lang, entry.summary)}`)
  ctx.out('')
  ctx.out(`  ${t(ctx.lang, 'cli.globalFlags')}`)
}

async function dispatch(argv: string[], c: Context): Promise<Outcome> {
  const [name, ...rest] = withoutLang(argv)
  if (name === '--version' || name === '-v') {
    c.out(version())
    return 'done'
  }
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    help(c)
    return name === undefined ? 'usage' : 'done'
  }
  const entry = COMMANDS[name]
  if (!entry) {
    const near = closest(name, Object.keys(COMMANDS))
    throw new UsageError('cli.unknownCommand', { name, near: near ? t(c.lang, 'cli.didYouMean', { name: near }) : '' })
  }
  return await (await entry.load()).default.run(rest, c)
}

export async function main(argv: string[], ctx: Omit<Context, 'lang'>): Promise<number> {
  let lang: Lang = 'en'
  try {
    lang = detectLang(argv)
    return EXIT_CODE[await dispatch(argv, { ...ctx, lang })]
  } catch (e) {
    if (e instanceof ShellError) {
      ctx.err(t(lang, 'cli.error', { message: t(lang, e.key, { detail: e.detail }) }))
      return EXIT_CODE.failed
    }
    if (e instanceof UsageError) ctx.err(t(lang, 'cli.error', { message: t(lang, e.key, e.vars) }))
    else if (e instanceof LessonError) for (const p of e.problems) ctx.err(formatProblem(p, lang))
    else throw e
    return EXIT_CODE.usage
  }
}
