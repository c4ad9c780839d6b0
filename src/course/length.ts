// How long a lesson is, for `list`: its steps on this machine's cgroup mode and its exercises,
// counted from the fences alone (list needs no Markdown parser).
import type { CgroupMode } from '../lab/cgroup-mode.js'

export interface LessonLength {
  steps: number
  exercises: number
}

export function lessonLength(text: string, mode: CgroupMode): LessonLength {
  let steps = 0
  let exercises = 0
  for (const m of text.matchAll(/^(?:```|~~~)bash (step|exercise)\b(.*)$/gm)) {
    if (m[1] === 'exercise') exercises++
    else if (!/\bwhen=cgroup-v[12]\b/.test(m[2]!) || m[2]!.includes(`when=cgroup-${mode}`)) steps++
  }
  return { steps, exercises }
}
