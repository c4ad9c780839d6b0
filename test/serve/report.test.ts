import { describe, expect, it } from 'vitest'
import { parseReport } from '../../src/serve/report.js'

const good = {
  room: 'ABC234',
  name: '山田',
  lesson: 'bocker_run',
  step: 'veth-add',
  n: 5,
  total: 30,
  held: 2,
  failed: ['veth0 は UP'],
  ms: 1200,
}

describe('parseReport', () => {
  it('takes a well-formed report', () => {
    expect(parseReport(JSON.stringify(good))).toEqual({ ...good, ended: false })
    expect(parseReport(JSON.stringify({ ...good, step: '', n: 0, total: 0, ended: true }))?.ended).toBe(true)
  })
  it('refuses anything else', () => {
    const bad: unknown[] = [
      null,
      [],
      'x',
      { ...good, extra: 1 },
      { ...good, room: 'abc234' },
      { ...good, room: 'ABC23' },
      { ...good, name: 'a b' },
      { ...good, name: '<script>' },
      { ...good, lesson: '../etc' },
      { ...good, lesson: 'a b' },
      { ...good, step: 'Veth' },
      { ...good, step: 'a;rm' },
      { ...good, n: -1 },
      { ...good, n: 31 },
      { ...good, n: 1.5 },
      { ...good, held: '2' },
      { ...good, failed: 'x' },
      { ...good, failed: [1] },
      { ...good, failed: [''] },
      { ...good, failed: ['a\nb'] },
      { ...good, failed: ['x'.repeat(201)] },
      { ...good, failed: Array(21).fill('x') },
      { ...good, ms: -5 },
      { ...good, ms: 1e15 },
      { ...good, ended: 'yes' },
    ]
    for (const b of bad) expect(parseReport(JSON.stringify(b)), JSON.stringify(b)).toBeUndefined()
    expect(parseReport('{not json')).toBeUndefined()
    expect(parseReport('')).toBeUndefined()
    const { room: _, ...noRoom } = good
    expect(parseReport(JSON.stringify(noRoom))).toBeUndefined()
  })
})
