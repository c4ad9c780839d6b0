// `export` in-process: the lesson alone, a run's events, and the refusals (one line, exit 2, nothing written).
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import exportCommand, { readEvents } from '../../src/commands/export.js'
import type { Context } from '../../src/core/context.js'
import { UsageError } from '../../src/core/errors.js'

const dir = mkdtempSync(join(tmpdir(), 'bl-export-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const ctx = (lang: 'ja' | 'en' = 'ja'): Context & { said: string[] } => {
  const said: string[] = []
  return { lang, out: l => said.push(l), err: l => said.push(l), said }
}
const refused = async (argv: string[]): Promise<string> => {
  try {
    await exportCommand.run(argv, ctx())
  } catch (e) {
    if (e instanceof UsageError) return String(e.key)
    throw e
  }
  return 'not refused'
}

const started = {
  type: 'run-started',
  version: 1,
  lesson: 'bocker_images',
  lang: 'ja',
  file: 'x',
  args: [],
  cgroup: 'v1',
  steps: [],
  leftOut: [],
  startAt: 0,
  interactive: false,
  ms: 0,
}

describe('export', () => {
  it('writes DIR/index.html for a lesson with no run, making DIR', async () => {
    const out = join(dir, 'plain', 'deeper')
    const c = ctx()
    expect(await exportCommand.run(['bocker_images', '--html', out], c)).toBe('done')
    const page = readFileSync(join(out, 'index.html'), 'utf8')
    expect(page).toContain('<html lang="ja" class="view-handout">')
    expect(page).toContain('data-view="handout"')
    expect(c.said).toEqual([`${join(out, 'index.html')} に書きました`])
  })

  it('replays a run’s events, and takes the lesson from them when none is named', async () => {
    const events = join(dir, 'run.jsonl')
    const lines = [
      started,
      { type: 'step-started', n: 1, total: 1, id: 'x-step', quiet: false, ms: 1 },
      { type: 'run-ended', outcome: { status: 'quit' }, ms: 2 },
    ]
    writeFileSync(events, `${lines.map(l => JSON.stringify(l)).join('\n')}\n`)
    const out = join(dir, 'run')
    expect(await exportCommand.run(['--html', out, '--from-events', events], ctx('en'))).toBe('done')
    const page = readFileSync(join(out, 'index.html'), 'utf8')
    expect(page).toContain('data-step="x-step"')
    expect(page).toContain('id="run-ended"')
    expect(page).toContain('data-status="quit"')
  })

  it('refuses a bad events file, a file for DIR, another lesson’s events, no --html: nothing written', async () => {
    const bad = join(dir, 'bad.jsonl')
    writeFileSync(bad, `${JSON.stringify(started)}\n{"type":\n`)
    const target = join(dir, 'never')
    expect(await refused(['bocker_images', '--html', target, '--from-events', bad])).toBe('export.badEvents')
    writeFileSync(bad, '[1]\n')
    expect(await refused(['bocker_images', '--html', target, '--from-events', bad])).toBe('export.badEvents')
    writeFileSync(bad, '{"type":"intro"}\n')
    expect(await refused(['bocker_images', '--html', target, '--from-events', bad])).toBe('export.badEvents')
    expect(await refused(['bocker_images', '--html', target, '--from-events', join(dir, 'missing.jsonl')])).toBe('export.cannotRead')
    writeFileSync(bad, `${JSON.stringify(started)}\n`)
    expect(await refused(['bocker_run', '--html', target, '--from-events', bad])).toBe('export.otherLesson')
    expect(existsSync(target)).toBe(false)
    expect(await refused(['bocker_images', '--html', bad])).toBe('export.notDir')
    expect(await refused(['bocker_images'])).toBe('export.usage')
    expect(await refused(['--html', target])).toBe('cli.whichLesson')
  })

  it('reads the JSON lines of run --events, blank lines aside', () => {
    const f = join(dir, 'ok.jsonl')
    writeFileSync(f, `${JSON.stringify(started)}\n\n{"type":"intro","ms":3}\n`)
    expect(readEvents(f).map(e => e.type)).toEqual(['run-started', 'intro'])
  })
})
