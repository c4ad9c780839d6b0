// Ctrl-C at every step of bocker_pull (--yes + SIGINT: quit, exit 130), and SIGKILL at the steps that
// make something, then `reset`: no temp dir, no half-made image, no held record, no registry process.
import { afterAll, describe, expect, it } from 'vitest'
import { findLesson } from '../../src/lesson/catalog.js'
import { loadLesson } from '../../src/lesson/parse.js'
import { cli, Live, labReady, settle, sleep } from './support/helpers.js'
import { deleteImages, images, newImages, pullLeftovers } from './support/pull.js'

const steps = loadLesson(findLesson('bocker_pull', 'en')).steps
const before = labReady ? images() : []
const report: string[] = []
afterAll(() => {
  if (labReady) deleteImages(newImages(before))
  if (report.length > 0) console.info(`bocker_pull interrupted:\n  ${report.join('\n  ')}`)
})

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
const landedIn = (out: string): string => [...out.matchAll(/Step \d+\/\d+\s+\[([a-z0-9-]+)\]/g)].at(-1)?.[1] ?? 'before the first step'

async function startAndWait(id: string): Promise<Live> {
  const run = new Live(['run', 'bocker_pull', '--yes', '--lang', 'en', 'busybox', '2layer'])
  await run.waitFor(new RegExp(`\\[${escapeRegExp(id)}\\]`))
  return run
}

describe.runIf(labReady)('bocker_pull interrupted', () => {
  it.each(steps.map((s, i) => [i + 1, s.id] as const))('SIGINT at step %i [%s]: exit 130, nothing left', async (_n, id) => {
    const had = images()
    const run = await startAndWait(id)
    run.kill('SIGINT')
    const { code } = await run.exited
    const left = await settle(() => [...pullLeftovers(), ...newImages(had).map(i => `image ${i}`)])
    report.push(`SIGINT at [${id}] (stopped in [${landedIn(run.out)}]): ${left.length > 0 ? left.join(', ') : 'ok'}`)
    expect(left, run.tail()).toEqual([])
    expect(code, run.tail()).toBe(130)
  })

  it.each(['http-401', 'download', 'layers', 'init-create', 'init-copy', 'pull-cleanup'])(
    'SIGKILL at [%s], then `reset`: nothing left',
    async id => {
      const had = images()
      // killed as the step's header appears: the steps before it made their things (the later steps
      // are too quick to wait for: a run that finished keeps its image, as it should)
      const run = await startAndWait(id)
      run.kill('SIGKILL')
      await run.exited
      await sleep(200)
      const left = [...pullLeftovers(), ...newImages(had).map(i => `image ${i}`)]
      expect(left.length, 'something was left to clean up').toBeGreaterThan(0)
      const r = cli(['reset'])
      expect(r.code, r.err).toBe(0)
      const after = await settle(() => [...pullLeftovers(), ...newImages(had).map(i => `image ${i}`)])
      report.push(`SIGKILL at [${id}] left ${left.length} things; after reset: ${after.length}`)
      expect(after, r.out).toEqual([])
    },
  )
})
