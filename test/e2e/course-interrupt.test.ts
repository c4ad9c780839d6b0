// Ctrl-C at every step and exercise of the course's lessons (bocker_run's and bocker_pull's have
// their own tests): `run --yes` + SIGINT = quit with teardown (exit 130), and nothing transient is
// left: no new veth, netns, cgroup, subvolume, container process, ledger entry or step files. What
// the course hands from lesson to lesson (its container and image) is made before the fingerprint.
import { afterAll, beforeEach, describe, expect, it } from 'vitest'
import { findCourseThing } from '../../src/course/needs.js'
import { courseOrder } from '../../src/course/order.js'
import { provide } from '../../src/course/provide.js'
import { detectCgroupMode } from '../../src/lab/cgroup-mode.js'
import { findLesson } from '../../src/lesson/catalog.js'
import { loadLesson } from '../../src/lesson/parse.js'
import { planSteps } from '../../src/plan/plan.js'
import { cli, fingerprint, Live, labReady, leaks, settle } from './support/helpers.js'

const mode = detectCgroupMode()
const OWN_TESTS = new Set(['bocker_run', 'bocker_pull'])
const cases = courseOrder()
  .filter(n => !OWN_TESTS.has(n))
  .flatMap(name => planSteps(loadLesson(findLesson(name, 'en')), mode).steps.map(s => [name, s.id] as const))
const results: string[] = []
const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

afterAll(() => {
  if (results.length > 0) console.info(`SIGINT at ${results.length} steps of the course:\n  ${results.join('\n  ')}`)
  if (labReady) cli(['reset', '--progress'])
})

describe.skipIf(!labReady)('SIGINT during every step of the course (--yes)', () => {
  beforeEach(async () => {
    // what lessons hand on is not a leftover: made before the fingerprint (bocker_rm removes them)
    for (const need of ['container', 'image'] as const)
      if (!findCourseThing(need)) expect((await provide(need, 'en', mode)).id).toBeDefined()
  }, 120_000)

  it.each(cases)(
    '%s [%s]: exit 130, nothing left',
    async (name, id) => {
      const before = fingerprint()
      const run = new Live(['run', name, '--yes', '--lang', 'en'])
      await run.waitFor(new RegExp(`\\[${escapeRegExp(id)}\\]`), 60_000)
      run.kill('SIGINT')
      const { code } = await run.exited
      const left = await settle(() => leaks(before), 8000)
      results.push(`${name} [${id}]: ${left.length > 0 ? left.join(', ') : 'ok'}`)
      expect(left, run.tail()).toEqual([])
      expect(code, run.tail()).toBe(130)
    },
    90_000,
  )
})
