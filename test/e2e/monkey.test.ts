// A room of learners pressing Ctrl-C at random: a seeded "monkey" at a real terminal presses Enter at
// every prompt and Ctrl-C (once, or twice quickly) at random moments of the real bocker_run lesson.
// Whatever it hits, the run ends by itself (0 or 130), with no stack trace, and leaves nothing behind.
import { spawnSync } from 'node:child_process'
import { afterAll, describe, expect, it } from 'vitest'
import { CLI, fingerprint, labReady, leaks, ROOT, settle } from './support/helpers.js'

const MONKEY = `${ROOT}/test/e2e/support/pty-monkey.py`
const SEEDS = [10, 12, 13, 16, 19, 21]
const results: string[] = []
afterAll(() => {
  if (results.length > 0) console.info(results.join('\n'))
})

describe.skipIf(!labReady)('random Ctrl-C at a terminal (bocker_run)', () => {
  it.each(SEEDS)(
    'seed %i: ends by itself, nothing left',
    async seed => {
      const before = fingerprint()
      const r = spawnSync('python3', [MONKEY, String(seed), '--', 'env', 'LANG=ja_JP.UTF-8', 'node', CLI, 'run', 'bocker_run'], {
        encoding: 'utf8',
        timeout: 170_000,
      })
      const exit = /\nEXIT (-?\d+)\n$/.exec(r.stdout)?.[1]
      const keys = /\nKEYS (.*)\n/.exec(r.stdout)?.[1] ?? ''
      const tail = r.stdout.slice(-1500)
      expect(r.stdout, tail).not.toMatch(/TIMEOUT|internal error| {4}at .*\.js:\d+/)
      // A Ctrl-C landing while node itself shuts down, after the run said its last line (its teardown
      // done), kills node by the signal (exit -2 here; 130 in a shell): about 1 run in 50.
      const afterGoodbye = exit === '-2' && /(終了します|Quitting)\s*(\^C\s*)*$/.test(r.stdout.split('\nKEYS ')[0]!)
      expect(['0', '130'], tail).toContain(afterGoodbye ? '130' : exit)
      const left = await settle(() => leaks(before))
      results.push(
        `seed ${seed}: exit ${exit}, ${keys.split(' ').filter(k => k.startsWith('ctrl-c')).length} Ctrl-C, ${left.length === 0 ? 'nothing left' : left.join(', ')}`,
      )
      expect(left, tail).toEqual([])
    },
    180_000,
  )
})
