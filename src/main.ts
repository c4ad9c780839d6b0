// bocker-learn <command>: the only place that turns results and errors into exit codes.
import { readFileSync } from 'node:fs'
import { closest } from './core/closest.js'
import { LessonError } from './lesson/types.js'
import { UsageError } from './core/errors.js'
import type { Context, Lang } from './core/context.js'
import { COMMANDS } from './commands/index.js'

export function detectLang (argv: string[], env = process.env): Lang {
  const i = argv.findIndex(a => a === '--lang' || a.startsWith('--lang='))
  const flag = i < 0 ? undefined : argv[i]!.includes('=') ? argv[i]!.split('=')[1] : argv[i + 1]
  if (flag !== undefined) {
    if (flag !== 'ja' && flag !== 'en') throw new UsageError(`--lang ${flag}: use --lang ja or --lang en`)
    return flag
  }
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || ''
  return /^ja/i.test(locale) ? 'ja' : 'en'
}

/** --lang is global: every command gets its argv without it */
function withoutLang (argv: string[]): string[] {
  const out: string[] = []
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--lang') i++
    else if (!argv[i]!.startsWith('--lang=')) out.push(argv[i]!)
  }
  return out
}

function version (): string {
  return (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version
}

function help (ctx: Context): void {
  ctx.out('bocker-learn — p8952/bocker を1行ずつ実行して学ぶ / learn containers by running bocker line by line')
  ctx.out('')
  ctx.out('usage: bocker-learn <command> [options]')
  for (const [name, entry] of Object.entries(COMMANDS)) ctx.out(`  ${name.padEnd(8)} ${entry.summary[ctx.lang]}`)
  ctx.out('')
  ctx.out('  --help, --version, --lang ja|en   (bocker-learn <command> --help for each command)')
}

export async function main (argv: string[], ctx: Omit<Context, 'lang'>): Promise<number> {
  let lang: Lang = 'en'
  try {
    lang = detectLang(argv)
    const c: Context = { ...ctx, lang }
    const [name, ...rest] = withoutLang(argv)
    if (name === '--version' || name === '-v') { c.out(version()); return 0 }
    if (name === undefined || name === '--help' || name === '-h' || name === 'help') { help(c); return name === undefined ? 2 : 0 }
    const entry = COMMANDS[name]
    if (!entry) {
      const near = closest(name, Object.keys(COMMANDS))
      throw new UsageError(`unknown command "${name}"${near ? `; did you mean "${near}"?` : ''} (see bocker-learn --help)`)
    }
    return await (await entry.load()).default.run(rest, c)
  } catch (e) {
    if (e instanceof UsageError) { ctx.err(`bocker-learn: ${e.message}`); return 2 }
    if (e instanceof LessonError) { for (const l of e.message.split('\n')) ctx.err(l); return 2 }
    throw e
  }
}

