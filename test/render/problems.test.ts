import { describe, expect, it } from 'vitest'
import { problem } from '../../src/lesson/types.js'
import { formatProblem } from '../../src/render/problems.js'

describe('formatProblem', () => {
  it('says a lesson problem as file:line: sentence, in either language', () => {
    const p = problem('lessons/ja/x.md', 12, 'lesson.step.badWhen', { value: 'v3' })
    expect(formatProblem(p, 'en')).toBe('lessons/ja/x.md:12: when=v3: use when=cgroup-v1 or when=cgroup-v2')
    expect(formatProblem(p, 'ja')).toBe('lessons/ja/x.md:12: when=v3: when=cgroup-v1 か when=cgroup-v2 を指定してください')
  })
})
