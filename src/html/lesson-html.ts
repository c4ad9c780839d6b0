// A lesson with no run: its introduction and every step (both cgroup modes' versions), prose and code,
// each check as its claim, an exercise's hints and model solution folded.
import type { Lang } from '../core/context.js'
import type { Lesson } from '../lesson/types.js'
import { t } from '../render/words/index.js'
import { stripTags } from './escape.js'
import { proseHtml } from './markdown-html.js'
import { headerHtml } from './plan-html.js'
import { stepSection, stepView } from './step-html.js'

export async function lessonHtml(lesson: Lesson, lang: Lang): Promise<string> {
  const views = await Promise.all(lesson.steps.map(async s => await stepView(s, lang)))
  const steps = lesson.steps.map((s, i) => ({ id: s.id, title: stripTags(views[i]!.title ?? s.id) }))
  const meta = [t(lang, 'html.lessonOnly', { lesson: lesson.name })]
  const lines = { prelude: lesson.prelude.map(b => b.line), teardown: lesson.teardown.map(b => b.line) }
  const intro = await proseHtml(lesson.intro, { lang, prefix: 'intro', lines })
  const sections = lesson.steps.map((step, i) =>
    stepSection({ step, id: step.id, n: i + 1, total: lesson.steps.length, lang, view: views[i] }),
  )
  return [headerHtml(lesson, { lang, steps, meta }), `<section id="intro" class="intro">${intro.html}</section>`, ...sections].join('\n')
}
