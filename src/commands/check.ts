import { readFileSync, statSync, readdirSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { LESSONS_DIR } from '../lesson/catalog.js'
import { parseLesson } from '../lesson/parse.js'
import { LessonError } from '../lesson/types.js'
import { UsageError } from '../core/errors.js'
import type { Command } from './command.js'
import { parseFlags } from './options.js'

const check: Command = {
  usage: 'bocker-learn check [lesson.md|dir ...]',
  async run (argv, ctx) {
    const { values, positionals } = parseFlags(argv, {}, this.usage)
    if (values.help) { ctx.out(`usage: ${this.usage}`); return 0 }
    const files = (positionals.length ? positionals : [LESSONS_DIR]).flatMap(expand)
    let problems = 0
    for (const file of files) {
      try {
        parseLesson(readFileSync(file, 'utf8'), file, basename(file, '.md'), basename(dirname(file)))
        ctx.out(`ok ${file}`)
      } catch (e) {
        if (!(e instanceof LessonError)) throw e
        for (const p of e.problems) ctx.err(`${p.file}:${p.line}: ${p.message}`)
        problems += e.problems.length
      }
    }
    return problems > 0 ? 2 : 0
  }
}

function expand (path: string): string[] {
  let st
  try { st = statSync(path) } catch { throw new UsageError(`no such file or directory: ${path}`) }
  if (!st.isDirectory()) return [path]
  return readdirSync(path, { recursive: true }).map(String).filter(f => f.endsWith('.md')).sort().map(f => join(path, f))
}
export default check
