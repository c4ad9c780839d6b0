import { describe, expect, it } from 'vitest'
import type { Report } from '../../src/serve/report.js'
import { median, Room } from '../../src/serve/room.js'

const rep = (name: string, step: string, ms: number, more: Partial<Report> = {}): Report => ({
  room: 'ABC234',
  name,
  lesson: 'bocker_run',
  step,
  n: 1,
  total: 9,
  held: 0,
  failed: [],
  ms,
  ended: false,
  ...more,
})

describe('Room', () => {
  it('median', () => {
    expect(median([])).toBeUndefined()
    expect(median([3, 1, 2])).toBe(2)
    expect(median([4, 1, 3, 2])).toBe(2.5)
  })

  it('a failed check makes a learner stuck, and is counted per check', () => {
    const room = new Room(0)
    const t = 1_000_000
    room.report('a', rep('a', 's1', 0), t)
    room.report('b', rep('b', 's1', 0, { failed: ['veth0 is up'] }), t)
    room.report('c', rep('c', 's1', 0, { failed: ['veth0 is up', 'ip set'] }), t)
    const v = room.view(t)
    expect(v.map(l => [l.name, l.stuck?.kind])).toEqual([
      ['a', undefined],
      ['b', 'failed'],
      ['c', 'failed'],
    ])
    expect(room.failedClaims().map(f => [f.label, f.count])).toEqual([
      ['veth0 is up', 2],
      ['ip set', 1],
    ])
    // c tries the step again and it holds: one failure fewer; b moves on: its failure stays counted
    room.report('c', rep('c', 's1', 10), t + 10)
    room.report('b', rep('b', 's2', 0), t + 10)
    expect(room.failedClaims().map(f => [f.label, f.count])).toEqual([['veth0 is up', 1]])
    expect(room.view(t + 10).find(l => l.name === 'b')?.stuck).toBeUndefined()
  })

  it('more than twice the room median on a step is stuck', () => {
    const room = new Room(0)
    const t = 1_000_000
    for (const n of ['a', 'b', 'c']) room.report(n, rep(n, 's1', 0), t)
    // a and b took 10 s on s1; c is still there
    room.report('a', rep('a', 's2', 0), t + 10_000)
    room.report('b', rep('b', 's2', 0), t + 10_000)
    expect(room.medianOf('bocker_run', 's1', t + 15_000)).toBe(10_000)
    expect(room.view(t + 20_000).find(l => l.name === 'c')?.stuck).toBeUndefined()
    const later = room.view(t + 25_000).find(l => l.name === 'c')
    // c: 25 s, the others' median (10, 10) is 10
    expect(later?.stuck).toEqual({ kind: 'slow', ratio: 2.5 })
    // the time a report says the learner has been on the step counts, not when it arrived
    room.report('d', rep('d', 's1', 40_000), t + 25_000)
    expect(room.view(t + 25_000).find(l => l.name === 'd')?.stuck?.kind).toBe('slow')
  })

  /** a room of two at t: a left s1 after 1 s, b is still on it */
  function twoOnS1(floorMs: number): Room {
    const room = new Room(floorMs)
    for (const n of ['a', 'b']) room.report(n, rep(n, 's1', 0), T)
    room.report('a', rep('a', 's2', 0), T + 1000)
    return room
  }
  const T = 1_000_000

  it('measured against the others: in a room of two the slow one is stuck; alone on a step, nobody is by time', () => {
    const room = twoOnS1(0)
    const t = T
    expect(room.view(t + 3000).find(l => l.name === 'b')?.stuck).toEqual({ kind: 'slow', ratio: 3 })
    // a is alone on s2: no one to compare with
    expect(room.view(t + 60_000).find(l => l.name === 'a')?.stuck).toBeUndefined()
  })

  it('the floor itself is not over it', () => {
    const room = twoOnS1(10_000)
    const t = T
    expect(room.view(t + 10_000).find(l => l.name === 'b')?.stuck).toBeUndefined()
    expect(room.view(t + 10_001).find(l => l.name === 'b')?.stuck?.kind).toBe('slow')
  })

  it('times below the floor are never stuck, and a run that ended is not', () => {
    const room = new Room(30_000)
    const t = 1_000_000
    room.report('a', rep('a', 's1', 0), t)
    room.report('a', rep('a', 's2', 0), t + 100)
    room.report('b', rep('b', 's1', 1000), t + 100)
    expect(room.view(t + 100).find(l => l.name === 'b')?.stuck).toBeUndefined()
    room.report('b', rep('b', 's1', 0, { ended: true, failed: ['x'] }), t + 200)
    expect(room.view(t + 60_000).find(l => l.name === 'b')?.stuck).toBeUndefined()
  })

  it('a step with the same id in another lesson is another step', () => {
    const room = new Room(0)
    const t = 1_000_000
    room.report('a', rep('a', 's1', 0, { lesson: 'bocker_images' }), t)
    room.report('a', rep('a', 's2', 0, { lesson: 'bocker_images' }), t + 1000)
    room.report('b', rep('b', 's1', 5000), t + 1000)
    expect(room.medianOf('bocker_run', 's1', t + 1000)).toBe(5000)
    expect(room.medianOf('bocker_images', 's1', t + 1000)).toBe(1000)
  })

  it('keeps the order learners came in, and refuses new ones when full', () => {
    const room = new Room(0)
    for (let i = 0; i < 200; i++) expect(room.report(`k${i}`, rep(`n${i}`, 's1', 0))).toBe(true)
    expect(room.report('new', rep('new', 's1', 0))).toBe(false)
    expect(room.report('k5', rep('n5', 's2', 0))).toBe(true)
    expect(room.view().map(l => l.key)[5]).toBe('k5')
  })
})
