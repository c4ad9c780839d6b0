// Before a lesson that needs the course's container or image: find it, or make it with bocker's own
// lines (quietly), and say which one the lesson goes on with.
import type { Context } from '../core/context.js'
import { findCourseThing } from '../course/needs.js'
import { provide } from '../course/provide.js'
import type { CgroupMode } from '../lab/cgroup-mode.js'
import type { Lesson, Need } from '../lesson/types.js'
import { t } from '../render/words/index.js'

export async function courseThings(
  lesson: Lesson,
  needs: Need[],
  ctx: Context,
  mode: CgroupMode,
): Promise<Partial<Record<Need, string>> | undefined> {
  const things: Partial<Record<Need, string>> = {}
  for (const need of needs) {
    const found = findCourseThing(need)
    if (found) {
      things[need] = found
      ctx.out(t(ctx.lang, `course.found.${need}`, { id: found }))
      continue
    }
    ctx.out(t(ctx.lang, `course.making.${need}`, { lesson: lesson.name }))
    const made = await provide(need, ctx.lang, mode, ctx.signal)
    if (!made.id) {
      ctx.err(t(ctx.lang, 'course.makeFailed', { need, lesson: made.lesson, detail: made.failure ?? '' }))
      return undefined
    }
    things[need] = made.id
    ctx.out(t(ctx.lang, `course.made.${need}`, { id: made.id, lesson: made.lesson }))
  }
  return things
}
