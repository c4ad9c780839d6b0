// --events FILE for real: the whole bocker_run lesson writes a stream from which the terminal's step
// list, change lines and claim lines can be rebuilt, in both languages. (Schema: docs/events.md.)
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { findLesson } from '../../src/lesson/catalog.js'
import { readLesson } from '../../src/lesson/read.js'
import { formatChanges } from '../../src/render/changes.js'
import { TerminalRenderer } from '../../src/render/terminal/renderer.js'
import { stripAnsi } from '../../src/render/width.js'
import { t } from '../../src/render/words/index.js'
import type { RunEvent } from '../../src/run/events.js'
import { cli, errLines, labReady } from './support/helpers.js'

const dir = mkdtempSync(join(tmpdir(), 'bl-events-'))
afterAll(() => {
  rmSync(dir, { recursive: true, force: true })
})

const read = (file: string): (RunEvent & { ms: number })[] =>
  readFileSync(file, 'utf8')
    .trimEnd()
    .split('\n')
    .map(l => JSON.parse(l) as RunEvent & { ms: number })
const of = <T extends RunEvent['type']>(events: RunEvent[], type: T): Extract<RunEvent, { type: T }>[] =>
  events.filter(e => e.type === type) as Extract<RunEvent, { type: T }>[]

/**
 * What bocker-learn itself said in a Japanese run (the lesson's own text, the commands' output and the
 * claims' labels left out), as its ASCII words that are not names: kernel objects, units, link states,
 * ip's route words, and what the container's command and files hold.
 */
async function englishOfJapaneseRun(events: RunEvent[]): Promise<string[]> {
  const lesson = await readLesson(findLesson('bocker_run', 'ja'))
  let text = ''
  const renderer = new TerminalRenderer(lesson, {
    lang: 'ja',
    color: false,
    out: s => {
      text += s
    },
    err: l => {
      text += `${l}\n`
    },
  })
  for (const e of events) {
    // the lesson's own text, code and commands' output: an exercise's hints, solution and check output too
    if (e.type === 'intro' || e.type === 'step-started' || e.type === 'block-output' || e.type === 'solution-shown' || e.type === 'hint')
      continue
    renderer.take(
      e.type === 'block-started'
        ? { ...e, code: '' }
        : e.type === 'claim' || e.type === 'exercise-checked'
          ? { ...e, label: '', output: '' }
          : e,
    )
  }
  await renderer.flush()
  const args = (events[0] as Extract<RunEvent, { type: 'run-started' }>).args.join(' ').split(/\W+/)
  const names = [
    'cgroup',
    'netns',
    'veth',
    'lo',
    'loopback',
    'uuid',
    'proc',
    'net',
    'pid',
    'ipc',
    'mnt',
    'uts',
    'IP',
    'MAC',
    'PID',
    'MiB',
    'ms',
    'UP',
    'DOWN',
  ]
  const allowed = new Set([...names, 'default', 'via', 'dev', 'addr', 'ip', 'nameserver', ...args])
  const words = text
    .replace(/`[^`]*`/g, ' ')
    .split(/[^\w./:-]+/)
    .filter(w => /^[A-Za-z]{2,}$/.test(w))
  return [...new Set(words.filter(w => !allowed.has(w)))].sort()
}

describe.runIf(labReady)('run --events FILE', () => {
  for (const lang of ['ja', 'en'] as const) {
    it(`bocker_run in ${lang}: the stream rebuilds the terminal's steps, changes and claims`, async () => {
      const file = join(dir, `${lang}.jsonl`)
      const r = cli(['run', 'bocker_run', '--yes', '--lang', lang, '--events', file], { timeoutMs: 180_000 })
      expect(r.err).toBe('')
      expect(r.code).toBe(0)
      const events = read(file)
      expect(events[0]).toMatchObject({ type: 'run-started', version: 1, lesson: 'bocker_run', lang })
      expect(events.at(-1)).toMatchObject({ type: 'run-ended', outcome: { status: 'done', failedClaims: 0, failedSteps: [] } })
      expect(events.map(e => e.ms)).toEqual([...events.map(e => e.ms)].sort((a, b) => a - b))
      const out = stripAnsi(r.out).split('\n')

      const headers = out.flatMap(l => /^== (.*\]) ━*$/.exec(l)?.slice(1) ?? [])
      const started = of(events, 'step-started')
      const exercises = new Set((await readLesson(findLesson('bocker_run', lang))).steps.filter(s => s.exercise).map(s => s.id))
      expect(exercises.size).toBeGreaterThan(0)
      expect(headers).toEqual(
        started.map(s => t(lang, exercises.has(s.id) ? 'step.exerciseHeader' : 'step.header', { n: s.n, total: s.total, id: s.id })),
      )
      expect(started.map(s => s.id)).toEqual((events[0] as Extract<RunEvent, { type: 'run-started' }>).steps.map(s => s.id))

      const changeLines = out.filter(l => /^ {2}[+~-] /.test(l))
      const rebuilt = of(events, 'state-changed').flatMap(e => formatChanges(e.changes, lang).map(l => `  ${stripAnsi(l)}`))
      expect(rebuilt.length).toBeGreaterThan(20)
      expect(changeLines).toEqual(rebuilt)

      const claimLines = out.filter(l => /^[✓✗] (確認OK|確認NG|holds|FAILED claim)/.test(l))
      const claims = of(events, 'claim')
      expect(claims.length).toBeGreaterThan(40)
      expect(claimLines).toEqual(
        claims.map(c => t(lang, c.status === 'held' ? 'check.ok' : 'check.failed', { label: c.label, status: c.exitStatus })),
      )

      // every chunk a block printed is in the terminal's output, in the same order
      let at = 0
      for (const { chunk } of of(events, 'block-output')) {
        const found = r.out.indexOf(chunk, at)
        expect(found, chunk).toBeGreaterThanOrEqual(0)
        at = found + chunk.length
      }
      expect(of(events, 'block-output').length).toBeGreaterThan(20)
      expect(of(events, 'removed').every(e => e.item.ok)).toBe(true)
      if (lang === 'ja') expect(await englishOfJapaneseRun(events)).toEqual([])
    }, 240_000)
  }

  it('a bad --events path is refused before anything runs (exit 2, one line, nothing made)', () => {
    for (const path of ['/nonexistent-dir/x.jsonl', dir]) {
      const r = cli(['run', 'bocker_run', '--yes', '--lang', 'en', '--events', path])
      expect(r.code).toBe(2)
      expect(errLines(r.err)).toEqual([`bocker-learn: --events ${path}: give a file in a folder that exists and can be written`])
    }
  })
})
