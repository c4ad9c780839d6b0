// A problem in a lesson file, said in the reader's language, in the file:line: form editors jump to.
import type { Lang } from '../core/context.js'
import type { LessonProblem } from '../lesson/types.js'
import { t } from './words/index.js'

export function formatProblem(p: LessonProblem, lang: Lang): string {
  return `${p.file}:${p.line}: ${t(lang, p.key, p.vars)}`
}
