import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { EventsFile } from '../../src/render/events-file.js'

describe('EventsFile', () => {
  it('writes one JSON line per event, with its ms, as it happens', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bl-events-'))
    try {
      const file = join(dir, 'run.jsonl')
      const events = new EventsFile(file, e => expect.fail(e))
      events.take({ type: 'intro' })
      expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ type: 'intro' })
      events.take({ type: 'run-ended', outcome: { status: 'quit' } })
      events.take({ type: 'intro' }) // after the end: nothing more
      const lines = readFileSync(file, 'utf8')
        .trimEnd()
        .split('\n')
        .map(l => JSON.parse(l) as { ms: number; type: string })
      expect(lines.map(l => l.type)).toEqual(['intro', 'run-ended'])
      expect(lines.every(l => Number.isInteger(l.ms) && l.ms >= 0)).toBe(true)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('a write that fails (a full disk) is told once and stops the file, never the run', () => {
    const errors: string[] = []
    const events = new EventsFile('/dev/full', e => errors.push(e))
    expect(() => {
      events.take({ type: 'intro' })
      events.take({ type: 'teardown-started' })
    }).not.toThrow()
    expect(errors).toHaveLength(1)
    expect(errors[0]).toMatch(/ENOSPC/)
  })
})
