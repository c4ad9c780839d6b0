// The lab's bocker script from the lessons' `bash source` blocks: head, functions, dispatcher; a
// mode's own version of a function replaces the plain one.
import { spawnSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { assembleBocker, courseSources } from '../../src/course/bocker-script.js'
import { courseOrder } from '../../src/course/order.js'
import type { SourceBlock } from '../../src/lesson/types.js'

const src = (code: string, more: Partial<SourceBlock> = {}): SourceBlock => ({ code, line: 1, ...more })

describe('assembleBocker', () => {
  const sources = [
    src('function bocker_run() {\n\tv1\n}', {}),
    src('case $1 in esac', { part: 'tail' }),
    src('#!/usr/bin/env bash\nset -e', { part: 'head' }),
    src('function bocker_run() {\n\tv2\n}', { when: 'cgroup-v2' }),
    src('function bocker_ps() {\n\tps\n}'),
  ]
  it('puts the head first and the dispatcher last, functions in the order given', () => {
    const v1 = assembleBocker(sources, 'v1')
    expect(v1.split('\n')[0]).toBe('#!/usr/bin/env bash')
    expect(v1.indexOf('bocker_run')).toBeLessThan(v1.indexOf('bocker_ps'))
    expect(v1.trimEnd().endsWith('case $1 in esac')).toBe(true)
    expect(v1).toContain('\tv1')
    expect(v1).not.toContain('\tv2')
  })
  it("uses a mode's own version of a function, in the plain one's place", () => {
    const v2 = assembleBocker(sources, 'v2')
    expect(v2).toContain('\tv2')
    expect(v2).not.toContain('\tv1')
    expect(v2.indexOf('bocker_run')).toBeLessThan(v2.indexOf('bocker_ps'))
  })
})

describe("the course's bocker", () => {
  it.each(['v1', 'v2'] as const)('is valid bash with every function of the course, the dispatcher last (%s)', async mode => {
    const script = assembleBocker(await courseSources(), mode)
    expect(spawnSync('bash', ['-n'], { input: script }).status).toBe(0)
    const functions = [...script.matchAll(/^function (bocker_\w+)\(\)/gm)].map(m => m[1])
    const taught = courseOrder().filter(n => n !== 'bocker')
    for (const name of taught) expect(functions).toContain(name)
    expect(functions).toContain('bocker_check')
    expect(script.split('\n')[0]).toBe('#!/usr/bin/env bash')
    expect(script).toMatch(/esac\n$/)
  })
})
