import { lessonNames, findLesson, loadLesson } from '../lesson/catalog.js'
import type { Command } from './command.js'
import { parseFlags } from './options.js'

const list: Command = {
  summary: { ja: 'レッスンの一覧', en: 'List the lessons' },
  usage: 'bocker-learn list [--lang ja|en]',
  async run (argv, ctx) {
    const { values } = parseFlags(argv, {}, this.usage)
    if (values.help) { ctx.out(`usage: ${this.usage}`); return 0 }
    for (const name of lessonNames()) {
      const lesson = loadLesson(findLesson(name, ctx.lang))
      ctx.out(`${name.padEnd(16)} ${lesson.summary}${lesson.lang !== ctx.lang ? ` (${lesson.lang})` : ''}`)
    }
    return 0
  }
}
export default list
