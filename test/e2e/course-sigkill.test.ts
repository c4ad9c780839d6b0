// bocker-learn SIGKILLed in the middle of each course lesson (bocker_run's and bocker_pull's have
// their own tests): no teardown runs, the lesson shell goes on alone. Then `reset` leaves nothing:
// no process the run started, no container thing, no step files, no /tmp/bl_* scratch or mount.
import { readFileSync } from 'node:fs'
import { afterAll, beforeEach, describe, expect, it } from 'vitest'
import { findCourseThing } from '../../src/course/needs.js'
import { courseOrder } from '../../src/course/order.js'
import { provide } from '../../src/course/provide.js'
import { detectCgroupMode } from '../../src/lab/cgroup-mode.js'
import { BTRFS_PATH } from '../../src/lab/paths.js'
import { findLesson } from '../../src/lesson/catalog.js'
import { loadLesson } from '../../src/lesson/parse.js'
import { planSteps } from '../../src/plan/plan.js'
import { cli, fingerprint, Live, labReady, leaks, settle, sleep, startedBy } from './support/helpers.js'
import { deleteImages, images, newImages } from './support/pull.js'

const mode = detectCgroupMode()
const OWN_TESTS = new Set(['bocker_run', 'bocker_pull'])
const middleStep = (name: string): string => {
  const steps = planSteps(loadLesson(findLesson(name, 'en')), mode).steps
  return steps[Math.floor(steps.length / 2)]!.id
}
const cases = courseOrder()
  .filter(n => !OWN_TESTS.has(n))
  .map(name => [name, middleStep(name)] as const)
const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
const sigpipeMounted = (): boolean => readFileSync('/proc/self/mountinfo', 'utf8').includes(' /tmp/bl_sigpipe_')
const handMade = (): string | undefined =>
  images().find(i => {
    try {
      return readFileSync(`${BTRFS_PATH}/${i}/img.source`, 'utf8').startsWith('made by hand in /tmp/bl_ex_images_')
    } catch {
      return false
    }
  })
const results: string[] = []

const imagesBefore = labReady ? images() : []

afterAll(() => {
  if (results.length > 0) console.info(`SIGKILL in the course's lessons, then reset:\n  ${results.join('\n  ')}`)
  if (!labReady) return
  cli(['reset', '--progress'])
  // only when a case failed: the images reset did not remove
  deleteImages(newImages(imagesBefore))
})

describe.skipIf(!labReady)('SIGKILL in the middle of every course lesson, then `reset`', () => {
  beforeEach(async () => {
    // what lessons hand on is not a leftover: made before the fingerprint
    for (const need of ['container', 'image'] as const)
      if (!findCourseThing(need)) expect((await provide(need, 'en', mode)).id).toBeDefined()
  }, 120_000)

  async function killedThenReset(args: string[], when: (run: Live) => Promise<void>, afterKill = (): void => {}): Promise<void> {
    const before = fingerprint()
    const imagesHad = images()
    const run = new Live(args)
    await when(run)
    run.kill('SIGKILL')
    await run.exited
    afterKill()
    const r = cli(['reset'])
    expect(r.code, r.err).toBe(0)
    const left = await settle(() => [...leaks(before), ...startedBy(run.pid).map(p => `process: ${p}`)], 8000)
    const kept = newImages(imagesHad).map(i => `image: ${i}`)
    const landed = [...run.out.matchAll(/\d+\/\d+\s+\[([a-z0-9-]+)\]/g)].at(-1)?.[1] ?? '?'
    results.push(`${args[1]} (killed in [${landed}]): ${[...left, ...kept].join(', ') || 'ok'}`)
    expect([...left, ...kept], r.out).toEqual([])
  }

  it.each(cases)(
    '%s, killed at [%s]',
    async (name, id) => {
      await killedThenReset(['run', name, '--yes', '--lang', 'en'], async run => {
        await run.waitFor(new RegExp(`\\[${escapeRegExp(id)}\\]`), 60_000)
        await sleep(150)
      })
    },
    90_000,
  )

  it('bocker, killed while its loop-mounted btrfs (/tmp/bl_sigpipe_$$) is mounted', async () => {
    await killedThenReset(['run', 'bocker', '--yes', '--lang', 'ja'], async () => {
      expect(await settle(() => (sigpipeMounted() ? [] : ['not mounted yet']), 60_000)).toEqual([])
    })
  }, 90_000)

  it("bocker_images, killed once its exercise's image exists (the run never saw its id)", async () => {
    expect(handMade(), 'an earlier run left one: the check after the kill would prove nothing').toBeUndefined()
    await killedThenReset(
      ['run', 'bocker_images', '--yes', '--lang', 'ja'],
      // bocker init has printed its id: the model solution still runs `bocker images`, then the check
      async run => void (await run.waitFor(/Created: img_\d+/, 60_000)),
      () => expect(handMade(), 'the teardown ran first: this case proves nothing').toBeDefined(),
    )
  }, 90_000)
})
