// bocker_run's claims hold for whatever command a learner passes: silent, failing, non-zero, noisy,
// stderr only, reading stdin, leaving a background process; given as bocker takes it (no `--`).
import { describe, expect, it } from 'vitest'
import { detectCgroupMode } from '../../src/lab/cgroup-mode.js'
import { findLesson } from '../../src/lesson/catalog.js'
import { loadLesson } from '../../src/lesson/parse.js'
import { planSteps } from '../../src/plan/plan.js'
import { claimedUuid, cli, fingerprint, labReady, leaks, settle, thingsOf } from './support/helpers.js'

const plan = planSteps(loadLesson(findLesson('bocker_run', 'en')), detectCgroupMode())
const claims = plan.steps.reduce((n, s) => n + s.checks.length, 0)

describe.runIf(labReady)('bocker_run with any command', () => {
  it.each([
    [['true']],
    [['false']],
    [['sleep', '1']],
    [['sh', '-c', 'exit 3']],
    [['sh', '-c', 'echo only-stderr >&2']],
    [['seq', '100000']],
    [['sh', '-c', 'sleep 100 & echo started']],
    [['cat']],
    [['ls', '-l', '/']],
  ])('%j: exit 0, every claim holds, nothing left', async command => {
    const before = fingerprint()
    const r = cli(['run', 'bocker_run', '--yes', '--lang', 'en', 'img_42001', ...command], { timeoutMs: 120_000 })
    expect(r.err, r.out.slice(-1500)).toBe('')
    expect(r.code, r.out.slice(-1500)).toBe(0)
    expect(r.out.split('\n').filter(l => /^✓ holds: /.test(l))).toHaveLength(claims)
    const uuid = claimedUuid(r.out)!
    expect(await settle(() => leaks(before))).toEqual([])
    expect(thingsOf(uuid)).toEqual([])
  })
})
