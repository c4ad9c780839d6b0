import { describe, expect, it } from 'vitest'
import { UsageError } from '../../src/core/errors.js'
import { parseLesson } from '../../src/lesson/parse.js'
import { bindArgs, planSteps, resolveFrom } from '../../src/plan/plan.js'

const lesson = parseLesson(
  '---\nsummary: s\nargs: image_id command...\nimage_id: img_42001\nimage_id.pattern: ^img_[0-9]+$\nimage_id.exists: /x/{}\ncommand: echo "a b"\n---\n\n' +
    ['a', 'b when=cgroup-v1', 'c when=cgroup-v2', 'd'].map(s => `\`\`\`bash step id=${s}\ntrue\n\`\`\`\n`).join('\n---\n\n'),
  'l.md',
  'l',
  'ja',
)
const exists = (p: string): boolean => p === '/x/img_42001' || p === '/x/img_7'

describe('plan', () => {
  it('keeps the steps for this cgroup mode', () => {
    expect(planSteps(lesson, 'v1').steps.map(s => s.id)).toEqual(['a', 'b', 'd'])
    expect(planSteps(lesson, 'v2').steps.map(s => s.id)).toEqual(['a', 'c', 'd'])
    expect(planSteps(lesson, 'v2').leftOut.map(s => s.id)).toEqual(['b'])
  })
  it('resolves --from by number or id', () => {
    const steps = planSteps(lesson, 'v1').steps
    expect(resolveFrom(undefined, steps)).toBe(0)
    expect(resolveFrom('3', steps)).toBe(2)
    expect(resolveFrom('b', steps)).toBe(1)
    expect(() => resolveFrom('9', steps)).toThrow(UsageError)
    expect(() => resolveFrom('c', steps)).toThrow(/plan.badFrom/)
  })
  it('binds arguments like bocker: defaults, rest words, validation', () => {
    expect(bindArgs(lesson, [], exists)).toEqual(['img_42001', 'echo "a b"'])
    expect(bindArgs(lesson, ['img_7', 'echo', 'x;y', '$(id)'], exists)).toEqual(['img_7', 'echo', 'x;y', '$(id)'])
    expect(() => bindArgs(lesson, ['../../etc'], exists)).toThrow(/plan.badArg/)
    expect(() => bindArgs(lesson, ['img_1;reboot'], exists)).toThrow(UsageError)
    expect(() => bindArgs(lesson, ['img_99999'], exists)).toThrow(/plan.noImage.*img_99999/)
  })
})
