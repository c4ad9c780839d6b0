import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { afterAll, describe, expect, it } from 'vitest'
import { UsageError } from '../../src/core/errors.js'
import { findLesson, lessonNames } from '../../src/lesson/catalog.js'

const dir = mkdtempSync(`${tmpdir()}/lessons-`)
mkdirSync(`${dir}/ja`)
mkdirSync(`${dir}/en`)
writeFileSync(`${dir}/ja/bocker_run.md`, '---\nsummary: s\n---\n')
writeFileSync(`${dir}/en/bocker_pull.md`, '---\nsummary: s\n---\n')
afterAll(() => rmSync(dir, { recursive: true }))

const usageError = (f: () => unknown): UsageError => {
  try {
    f()
  } catch (e) {
    if (e instanceof UsageError) return e
    throw e
  }
  throw new Error('no UsageError')
}

describe('findLesson', () => {
  it('finds a lesson in the asked language, else in the other', () => {
    expect(lessonNames(dir)).toEqual(['bocker_pull', 'bocker_run'])
    expect(findLesson('bocker_run', 'en', dir)).toMatchObject({ lang: 'ja', file: `${dir}/ja/bocker_run.md`, outside: false })
    expect(findLesson('bocker_pull', 'ja', dir)).toMatchObject({ lang: 'en' })
  })

  it('suggests the nearest name for a mistyped one', () => {
    const e = usageError(() => findLesson('bocker_rn', 'ja', dir))
    expect([e.key, e.vars]).toEqual(['lesson.unknownNear', { name: 'bocker_rn', near: 'bocker_run', names: 'bocker_pull, bocker_run' }])
    expect(usageError(() => findLesson('zzzzzzzzzzzz', 'ja', dir)).key).toBe('lesson.unknown')
  })

  it('says when a lesson file does not exist', () => {
    const e = usageError(() => findLesson('./nope.md', 'ja', dir))
    expect([e.key, e.vars]).toEqual(['lesson.noFile', { path: './nope.md' }])
  })
})
