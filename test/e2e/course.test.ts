// The whole course, for real as root: every lesson alone (making the container or image it needs
// with bocker's own lines), then `course --yes` killed with SIGKILL and resumed, bocker's own
// script agreeing with what the lessons made, and `reset` leaving nothing at the end.
import { readdirSync, readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { courseOrder } from '../../src/course/order.js'
import { readProgress } from '../../src/course/progress.js'
import { findLeftovers } from '../../src/lab/reset.js'
import { findLesson } from '../../src/lesson/catalog.js'
import { loadLesson } from '../../src/lesson/parse.js'
import { cli, Live, labReady } from './support/helpers.js'

const order = courseOrder()
const images = (): string[] => readdirSync('/var/bocker').filter(n => /^img_\d{5}$/.test(n))
const fresh = (): void => {
  expect(cli(['reset', '--progress']).code).toBe(0)
}
let imagesBefore: string[] = []

beforeAll(() => {
  imagesBefore = images()
})
afterAll(() => {
  if (labReady) fresh()
})

describe.skipIf(!labReady)('the course, for real', () => {
  it.each(order)(
    '%s passes alone with --yes, making what it needs (ja)',
    name => {
      fresh()
      const r = cli(['run', name, '--yes', '--lang', 'ja'], { timeoutMs: 240_000 })
      expect(r.code, `${r.out.slice(-3000)}\n${r.err}`).toBe(0)
      const needs = loadLesson(findLesson(name, 'ja')).needs
      if (needs.includes('container')) expect(r.out).toMatch(/コンテナ ps_\d{5} を作りました/)
      if (needs.includes('image')) expect(r.out).toMatch(/イメージ img_\d{5} を作りました/)
      expect(r.out).not.toMatch(/確認NG|✗/)
      expect(Object.keys(readProgress().finished)).toEqual([name])
    },
    300_000,
  )

  it("bocker's own script lists what the lessons made: ps, logs, images", () => {
    fresh()
    expect(cli(['run', 'bocker_init', '--course', '--yes']).code).toBe(0)
    expect(cli(['run', 'bocker_run', '--course', '--yes'], { timeoutMs: 120_000 }).code).toBe(0)
    const { container, image } = readProgress()
    expect(container).toMatch(/^ps_\d{5}$/)
    expect(image).toMatch(/^img_\d{5}$/)
    const ps = cli(['bocker', 'ps'])
    expect(ps.code).toBe(0)
    expect(ps.out).toContain(`${container}\t\t${readFileSync(`/var/bocker/${container}/${container}.cmd`, 'utf8').trim()}`)
    const logs = cli(['bocker', 'logs', container!])
    expect(logs.out).toBe(readFileSync(`/var/bocker/${container}/${container}.log`, 'utf8'))
    expect(cli(['bocker', 'images']).out).toContain(`${image}\t\t${readFileSync(`/var/bocker/${image}/img.source`, 'utf8').trim()}`)
    // the ps lesson goes on with that container, the logs lesson reads that log
    const lesson = cli(['run', 'bocker_ps', '--yes', '--lang', 'en'])
    expect(lesson.out).toContain(`the course's container ${container}`)
    expect(lesson.out).toContain(container!)
  }, 300_000)

  it('course --yes, killed with SIGKILL in its third lesson, resumes there and finishes; list shows it', async () => {
    fresh()
    const first = new Live(['course', '--yes', '--lang', 'en'])
    await first.waitFor(new RegExp(`Course 3/${order.length}: ${order[2]}`), 120_000)
    first.kill('SIGKILL')
    await first.exited
    expect(Object.keys(readProgress().finished)).toEqual(order.slice(0, 2))
    const again = cli(['course', '--yes', '--lang', 'en'], { timeoutMs: 900_000 })
    expect(again.code, `${again.out.slice(-3000)}\n${again.err}`).toBe(0)
    expect(again.out).toMatch(/^[\s\S]*?Course (\d+)\//)
    expect(/Course (\d+)\//.exec(again.out)![1]).toBe('3')
    expect(again.out).toContain(`Course finished: all ${order.length} lessons`)
    expect(again.out).not.toMatch(/FAILED|✗/)
    const list = cli(['list', '--lang', 'en'])
    for (const name of order) expect(list.out).toMatch(new RegExp(`✓ +\\d+\\. ${name} `))
    expect(list.out).toContain(`All ${order.length} lessons finished`)
    // finished already: course says so and runs nothing
    expect(cli(['course', '--yes', '--lang', 'en']).out).toContain('All')
  }, 1_000_000)

  it('after the course, reset leaves nothing', async () => {
    expect(cli(['reset']).code).toBe(0)
    const left = await findLeftovers()
    expect(left.uuids).toEqual([])
    expect(images().filter(i => !imagesBefore.includes(i))).toEqual([])
  }, 120_000)
})
