import { readdirSync, readFileSync, type Stats, statSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { UsageError } from '../core/errors.js'
import { LESSONS_DIR } from '../lesson/catalog.js'
import { parseLesson } from '../lesson/parse.js'
import { LessonError } from '../lesson/types.js'
import { formatProblem } from '../render/problems.js'
import { t } from '../render/words/index.js'
import type { Command } from './command.js'
import { parseFlags } from './options.js'

const check: Command = {
  usage: 'bocker-learn check [lesson.md|dir ...]',
  async run(argv, ctx) {
    const { values, positionals } = parseFlags(argv, {}, this.usage)
    if (values.help) {
      ctx.out(t(ctx.lang, 'cli.usage', { usage: this.usage }))
      return 'done'
    }
    const files = (positionals.length ? positionals : [LESSONS_DIR]).flatMap(expand)
    let problems = 0
    for (const file of files) {
      try {
        parseLesson(readFileSync(file, 'utf8'), file, basename(file, '.md'), basename(dirname(file)))
        ctx.out(t(ctx.lang, 'cli.ok', { file }))
      } catch (e) {
        if (!(e instanceof LessonError)) throw e
        for (const p of e.problems) ctx.err(formatProblem(p, ctx.lang))
        problems += e.problems.length
      }
    }
    return problems > 0 ? 'usage' : 'done'
  },
}

function expand(path: string): string[] {
  let st: Stats
  try {
    st = statSync(path)
  } catch {
    throw new UsageError('cli.noSuchPath', { path })
  }
  if (!st.isDirectory()) return [path]
  return readdirSync(path, { recursive: true })
    .map(String)
    .filter(f => f.endsWith('.md'))
    .sort()
    .map(f => join(path, f))
}
export default check
