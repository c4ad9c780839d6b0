// The terminal renderer with a lesson and a list of events: what the learner reads, in order.
import { describe, expect, it } from 'vitest'
import { parseLesson } from '../../../src/lesson/parse.js'
import { TerminalRenderer } from '../../../src/render/terminal/renderer.js'
import type { BlockResult, RunEvent } from '../../../src/run/events.js'
import { blockResult } from '../../support/results.js'

const LESSON = parseLesson(
  '---\nsummary: s\n---\n# Intro text\n\n---\n\n## First\n\n```bash step id=one\necho one\n```\n',
  'l.md',
  'l',
  'en',
)

const result = (over: Partial<BlockResult> = {}): BlockResult => blockResult({ durationMs: 3, ...over })

async function render(events: RunEvent[], lang: 'ja' | 'en' = 'en'): Promise<{ out: string; err: string[] }> {
  let out = ''
  const err: string[] = []
  const r = new TerminalRenderer(LESSON, {
    lang,
    color: false,
    out: s => {
      out += s
    },
    err: l => {
      err.push(l)
    },
  })
  for (const e of events) r.take(e)
  await r.flush()
  return { out, err }
}

const block = (role: 'step' | 'try' | 'teardown', quiet: boolean, chunk: string, res: BlockResult): RunEvent[] => [
  { type: 'block-started', step: 'one', role, line: 10, quiet, tty: false, code: 'echo one', readsTerminal: false },
  { type: 'block-output', step: 'one', chunk },
  { type: 'block-ended', step: 'one', role, line: 10, quiet, tty: false, result: res },
]

describe('TerminalRenderer', () => {
  it("keeps the order: output after a step's Markdown waits for it, even though Markdown renders asynchronously", async () => {
    const { out } = await render([
      { type: 'intro' },
      { type: 'step-started', n: 1, total: 1, id: 'one', quiet: false },
      ...block('step', false, 'one\n', result()),
    ])
    const at = (s: string): number => out.indexOf(s)
    expect(at('Intro text')).toBeGreaterThanOrEqual(0)
    expect(at('Intro text')).toBeLessThan(at('Step 1/1  [one]'))
    expect(at('Step 1/1  [one]')).toBeLessThan(at('First'))
    expect(at('First')).toBeLessThan(at('one\n✓ exit status 0 (ok) 3 ms'))
  })

  it('a quiet (catch-up) block shows nothing unless it ends non-zero; then its output and why', async () => {
    expect((await render(block('step', true, 'hidden\n', result()))).out).toBe('')
    expect((await render(block('try', true, 'hidden\n', result()))).out).toBe('')
    expect((await render(block('step', true, 'no image\n', result({ status: 1 })))).out).toBe(
      'no image\n✓ exit status 1 (expected for this step) 3 ms\n',
    )
    const failed = await render(block('step', true, 'why it broke\n', result({ status: 2, accepted: false })))
    expect(failed.out).toBe('why it broke\n✗ exit status 2 (failed) 3 ms\n')
  })

  it('a tty block (a child owns the terminal) gets no line of ours around it', async () => {
    const tty: RunEvent[] = [
      { type: 'block-started', step: 'one', role: 'try', line: 10, quiet: false, tty: true, code: 'vi', readsTerminal: false },
      { type: 'block-ended', step: 'one', role: 'try', line: 10, quiet: false, tty: true, result: result() },
    ]
    expect((await render(tty)).out).toBe('')
  })

  it('a teardown block is silent when it works; its output still shows', async () => {
    expect((await render(block('teardown', false, 'bye\n', result()))).out).toBe('bye\n')
  })

  it('output without a final newline gets one before the result line', async () => {
    expect((await render(block('try', false, 'no newline', result()))).out).toBe(
      '▶ Try it: echo one\nno newline\n✓ exit status 0 (ok) 3 ms\n',
    )
  })

  it("the run's end: failures on stderr in the learner's language, the rest on stdout", async () => {
    const end = (outcome: Extract<RunEvent, { type: 'run-ended' }>['outcome']): RunEvent[] => [{ type: 'run-ended', outcome }]
    expect(await render(end({ status: 'done', failedClaims: 0, failedSteps: [], exercises: {} }), 'ja')).toEqual({
      out: 'レッスン完了。おつかれさまでした！\n',
      err: [],
    })
    expect(await render(end({ status: 'done', failedClaims: 2, failedSteps: ['one'], exercises: {} }))).toEqual({
      out: '',
      err: ['Steps that failed and were skipped: one', '2 claim(s) failed'],
    })
    expect((await render(end({ status: 'failed', step: 'one', btrfsFull: { path: '/var/bocker', freeMiB: 0 } }), 'ja')).err).toEqual([
      'ステップ one が失敗したので、ここで止めます',
      '/var/bocker の btrfs がいっぱいです（空き 0 MiB）。`sudo bocker-learn reset` で残ったコンテナを消してください',
    ])
    expect((await render(end({ status: 'shell-died', step: 'one', code: null, signal: 'SIGKILL', diagnostics: '' }), 'ja')).err).toEqual([
      'レッスンのシェル（bash）が終了してしまいました: シグナル SIGKILL',
    ])
  })
})
