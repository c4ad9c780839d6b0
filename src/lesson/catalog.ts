// Finding lessons on disk: lessons/<lang>/<name>.md, with the other language as fallback.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { basename, dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { closest } from '../core/closest.js'
import { LANGS, type Lang } from '../core/context.js'
import { UsageError } from '../core/errors.js'
import { parseFrontMatter } from './frontmatter.js'

export const LESSONS_DIR = process.env.BOCKER_LEARN_LESSONS_DIR ?? resolve(dirname(fileURLToPath(import.meta.url)), '../../lessons')

export interface LessonRef {
  name: string
  lang: Lang
  file: string
  /** a file outside lessons/ */
  outside: boolean
}

export function lessonNames(dir = LESSONS_DIR): string[] {
  const names = new Set<string>()
  for (const lang of LANGS) {
    const d = `${dir}/${lang}`
    if (existsSync(d)) for (const f of readdirSync(d)) if (f.endsWith('.md')) names.add(f.slice(0, -3))
  }
  return [...names].sort()
}

export function findLesson(nameOrPath: string, lang: Lang, dir = LESSONS_DIR): LessonRef {
  if (nameOrPath.endsWith('.md') || nameOrPath.includes('/')) {
    const file = resolve(nameOrPath)
    if (!existsSync(file)) throw new UsageError('lesson.noFile', { path: nameOrPath })
    const inside = file.startsWith(dir + '/')
    const fileLang = basename(dirname(file)) === 'en' ? 'en' : 'ja'
    return { name: basename(file, '.md'), lang: inside ? fileLang : lang, file, outside: !inside }
  }
  for (const l of [lang, ...LANGS.filter(x => x !== lang)]) {
    const file = `${dir}/${l}/${nameOrPath}.md`
    if (existsSync(file)) return { name: nameOrPath, lang: l, file, outside: false }
  }
  const names = lessonNames(dir)
  const near = closest(nameOrPath, names)
  const vars = { name: nameOrPath, names: names.join(', ') }
  throw near ? new UsageError('lesson.unknownNear', { ...vars, near }) : new UsageError('lesson.unknown', vars)
}

/** The front matter's summary alone: `list` needs no Markdown parser (start-up time). */
export function lessonSummary(ref: LessonRef): string {
  return parseFrontMatter(readFileSync(ref.file, 'utf8'), ref.file, []).summary
}
