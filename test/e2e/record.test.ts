// --record FILE.cast for real: a whole lesson run writes an asciicast v2 file that Debian's asciinema
// (2.2) prints and plays back as exactly what the run wrote, in English and in Japanese; a recording
// that cannot be written stops, says so once, and the lesson still ends well.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { t } from '../../src/render/words/index.js'
import { shellQuote } from '../../src/shell/quote.js'
import { atTerminal, cli, errLines, FIXTURES, labReady } from './support/helpers.js'

const dir = mkdtempSync(join(tmpdir(), 'bl-record-'))
afterAll(() => {
  rmSync(dir, { recursive: true, force: true })
})

type Event = [number, string, string]

function readCast(file: string): { header: Record<string, unknown>; events: Event[] } {
  const bytes = readFileSync(file)
  const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  const [first, ...rest] = text.trimEnd().split('\n')
  return { header: JSON.parse(first!), events: rest.map(l => JSON.parse(l) as Event) }
}

/** asciinema reads keys from /dev/tty, so it runs at a pty (script); what it printed, without the \r */
function asciinema(args: string[]): { code: number | null; out: string } {
  const r = spawnSync('script', ['-qec', ['asciinema', ...args].map(shellQuote).join(' '), '/dev/null'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 60_000,
    maxBuffer: 64 << 20,
  })
  return { code: r.status, out: r.stdout.replace(/\r/g, '') }
}

describe.runIf(labReady)('run --record FILE.cast', () => {
  it('Debian asciinema is there to check the file with', () => {
    expect(spawnSync('asciinema', ['--version'], { encoding: 'utf8' }).stdout).toMatch(/^asciinema 2\./)
  })

  for (const [lesson, lang, title] of [
    ['bocker_images', 'en', 'Running `bocker_images` line by line'],
    ['bocker_run', 'ja', '`bocker_run` を1行ずつ動かしてみる'],
  ] as const) {
    it(`${lesson} in ${lang}: the file is what the terminal got, and asciinema prints and plays it`, () => {
      const file = join(dir, `${lesson}-${lang}.cast`)
      const r = cli(['run', lesson, '--yes', '--lang', lang, '--record', file], { timeoutMs: 180_000 })
      expect(r.err).toBe('')
      expect(r.code).toBe(0)
      const { header, events } = readCast(file)
      // not a terminal: the renderer writes 80 columns, and 24 rows is the rest of the world's guess
      expect(header).toMatchObject({ version: 2, width: 80, height: 24, title: lesson })
      expect(Math.abs((header.timestamp as number) - Date.now() / 1000)).toBeLessThan(600)
      expect(events.length).toBeGreaterThan(30)
      expect(events.every(e => e.length === 3 && e[1] === 'o' && typeof e[2] === 'string' && e[2] !== '')).toBe(true)
      const times = events.map(e => e[0])
      expect(times).toEqual([...times].sort((a, b) => a - b))
      expect(times[0]).toBeGreaterThanOrEqual(0)
      expect(events.some(e => /(?<!\r)\n/.test(e[2]))).toBe(false) // raw-mode playback needs the \r

      const recorded = events
        .map(e => e[2])
        .join('')
        .replace(/\r/g, '')
      expect(recorded).toBe(r.out)
      expect(recorded).toContain(title)
      expect(recorded).toContain(t(lang, 'run.done'))

      const cat = asciinema(['cat', file])
      expect(cat.code).toBe(0)
      expect(cat.out).toBe(r.out)
      const play = asciinema(['play', '-i', '0.05', file])
      expect(play.code).toBe(0)
      expect(play.out).toBe(r.out)
    }, 240_000)
  }

  it('a recording that cannot be written (a full disk) stops, says so once, and the lesson ends well', () => {
    const r = cli(['run', 'bocker_images', '--yes', '--lang', 'ja', '--record', '/dev/full'], { timeoutMs: 120_000 })
    expect(r.code).toBe(0)
    expect(errLines(r.err)).toEqual([t('ja', 'run.recordFailed', { path: '/dev/full', error: 'ENOSPC: no space left on device, write' })])
    expect(r.out).toContain(t('ja', 'run.done'))
  }, 150_000)

  it('a bad --record path is refused before anything runs (exit 2, one line)', () => {
    for (const path of ['/nonexistent-dir/x.cast', dir]) {
      const r = cli(['run', 'bocker_images', '--yes', '--lang', 'en', '--record', path])
      expect(r.code).toBe(2)
      expect(errLines(r.err)).toEqual([`bocker-learn: ${t('en', 'run.recordPath', { path })}`])
    }
  })

  it('at a terminal the questions and menus are in the recording too (a shell the learner opens is not)', () => {
    const file = join(dir, 'terminal.cast')
    const { code } = atTerminal(
      [
        ['answer', '片付けますか', '\r'],
        ['expect', 'どうしますか'],
        ['sleep', 0.3],
        ['send', '\r'],
        ['expect', 'あなたの番です'],
        ['sleep', 0.3],
        ['send', '\u001b[B\u001b[B\u001b[B\u001b[B\r'], // run the model solution
        ['expect', 'できました'],
      ],
      ['run', 'exercise_demo', '--record', file],
      { env: { BOCKER_LEARN_LESSONS_DIR: FIXTURES } },
    )
    expect(code).toBe(0)
    const recorded = readFileSync(file, 'utf8')
      .split('\n')
      .slice(1)
      .filter(Boolean)
      .map(l => (JSON.parse(l) as [number, string, string])[2])
      .join('')
    for (const text of ['どうしますか', 'あなたの番です', '模範解答を実行する', 'できました']) expect(recorded).toContain(text)
  }, 120_000)
})
