// Ctrl-C at every step of the real lesson, for real as root: `run --yes` + SIGINT = quit with
// teardown (exit 130), and nothing of the container is left: no veth, netns, cgroup, subvolume,
// container process or ledger entry. The signal is sent right after the step's header appears
// (for the container's own step: while the container sleeps).
import { afterAll, describe, expect, it } from 'vitest'
import { detectCgroupMode } from '../../src/lab/cgroup-mode.js'
import { findLesson } from '../../src/lesson/catalog.js'
import { loadLesson } from '../../src/lesson/parse.js'
import { planSteps } from '../../src/plan/plan.js'
import { containerProcesses, fingerprint, Live, labReady, leaks, scrub, settle, thingsOf } from './support/helpers.js'

const lesson = loadLesson(findLesson('bocker_run', 'en'))
const steps = planSteps(lesson, detectCgroupMode()).steps
const SLEEPY = 'sleep 4; echo done'
const results: string[] = []
const mine: string[] = []

afterAll(async () => {
  await scrub(mine.filter(u => thingsOf(u).length > 0))
  if (results.length > 0)
    console.info(
      `SIGINT at ${results.length}/${steps.length} steps: ${results.filter(r => !r.endsWith('ok')).length} leaks\n  ${results.join('\n  ')}`,
    )
})

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

describe.skipIf(!labReady)('SIGINT during every step (bocker_run, --yes)', () => {
  it.each(steps.map((s, i) => [i + 1, s.id] as const))('step %i [%s]: exit 130, nothing left', async (_n, id) => {
    const before = fingerprint()
    const run = new Live(['run', 'bocker_run', '--yes', '--lang', 'en', 'img_42001', SLEEPY])
    await run.waitFor(new RegExp(`\\[${escapeRegExp(id)}\\]`))
    if (steps.find(s => s.id === id)!.probes.includes('proc')) {
      // the container's step: wait until it is really running inside its namespaces
      const uuid = run.claimed!.uuid
      await settle(() => (containerProcesses().some(p => p.includes(`unshare`) && p.includes(uuid)) ? [] : ['not yet']), 10_000)
      expect(
        containerProcesses().some(p => p.includes(uuid)),
        'the container runs',
      ).toBe(true)
    }
    run.kill('SIGINT')
    const { code } = await run.exited
    const uuid = run.claimed?.uuid
    if (uuid) mine.push(uuid)
    const left = await settle(() => leaks(before))
    const headers = [...run.out.slice(0, run.out.indexOf('Tearing down')).matchAll(/Step \d+\/\d+\s+\[([a-z0-9-]+)\]/g)]
    const landed = headers.at(-1)?.[1] ?? 'before the first step'
    results.push(`${id} (stopped in [${landed}]): ${left.length > 0 ? left.join(', ') : 'ok'}`)
    expect(left, run.tail()).toEqual([])
    if (uuid) expect(thingsOf(uuid)).toEqual([])
    expect(code, run.tail()).toBe(130)
  })
})
