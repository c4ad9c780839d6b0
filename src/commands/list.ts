// `bocker-learn list`: the course in order (each lesson's length and this machine's progress), then
// any other lesson.
import { readFileSync } from 'node:fs'
import { lessonLength } from '../course/length.js'
import { courseOrder } from '../course/order.js'
import { readProgress } from '../course/progress.js'
import { detectCgroupMode } from '../lab/cgroup-mode.js'
import { findLesson, type LessonRef, lessonNames, lessonSummary } from '../lesson/catalog.js'
import { displayWidth } from '../render/width.js'
import { t } from '../render/words/index.js'
import type { Command } from './command.js'
import { parseFlags } from './options.js'

const list: Command = {
  usage: 'bocker-learn list [--lang ja|en]',
  async run(argv, ctx) {
    const { values } = parseFlags(argv, {}, this.usage)
    if (values.help) {
      ctx.out(t(ctx.lang, 'cli.usage', { usage: this.usage }))
      return 'done'
    }
    const mode = detectCgroupMode()
    const progress = readProgress()
    const names = lessonNames()
    const course = courseOrder().filter(n => names.includes(n))
    const line = (ref: LessonRef, mark: string, number: string): string => {
      const length = lessonLength(readFileSync(ref.file, 'utf8'), mode)
      const solved = Object.values(progress.finished[ref.name]?.exercises ?? {}).filter(r => r === 'solved').length
      const size = t(ctx.lang, 'list.length', { steps: length.steps, exercises: length.exercises, solved })
      const other = ref.lang !== ctx.lang ? ` ${t(ctx.lang, 'cli.otherLang', { lang: ref.lang })}` : ''
      return `${mark} ${number}${ref.name.padEnd(14)} ${size}${' '.repeat(Math.max(1, 26 - displayWidth(size)))}${lessonSummary(ref)}${other}`
    }
    if (course.length > 0) ctx.out(t(ctx.lang, 'list.course'))
    course.forEach((name, i) => {
      const done = progress.finished[name] !== undefined
      ctx.out(line(findLesson(name, ctx.lang), done ? '✓' : ' ', `${String(i + 1).padStart(2)}. `))
    })
    const others = names.filter(n => !course.includes(n))
    if (others.length > 0) ctx.out(t(ctx.lang, 'list.others'))
    for (const name of others) ctx.out(line(findLesson(name, ctx.lang), progress.finished[name] ? '✓' : ' ', '    '))
    const finished = course.filter(n => progress.finished[n]).length
    const next = course.find(n => !progress.finished[n])
    ctx.out('')
    ctx.out(t(ctx.lang, next ? 'list.progress' : 'list.allDone', { finished, total: course.length, next: next ?? '' }))
    return 'done'
  },
}
export default list
