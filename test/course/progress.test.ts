import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { clearProgress, readProgress, updateProgress } from '../../src/course/progress.js'

describe('progress', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bl-progress-'))
  const file = join(dir, 'progress.json')
  afterAll(() => rmSync(dir, { recursive: true, force: true }))
  it('is empty before anything, and keeps what each update says', () => {
    expect(readProgress(file)).toEqual({ finished: {} })
    updateProgress(p => {
      p.finished.bocker = { finishedAt: 'x', lang: 'ja', exercises: { a: 'solved' } }
    }, file)
    updateProgress(p => {
      p.container = 'ps_42002'
    }, file)
    expect(readProgress(file)).toEqual({
      finished: { bocker: { finishedAt: 'x', lang: 'ja', exercises: { a: 'solved' } } },
      container: 'ps_42002',
    })
  })
  it('a broken file reads as no progress; clearing removes it once', () => {
    expect(clearProgress(file)).toBe(true)
    expect(clearProgress(file)).toBe(false)
    expect(readProgress(file)).toEqual({ finished: {} })
  })
})
