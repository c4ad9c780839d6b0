import { mkdtempSync, readFileSync, rmSync, unlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { CastRecorder, castEvent, castHeader } from '../../src/record/cast.js'

const dir = mkdtempSync(join(tmpdir(), 'bl-cast-'))
afterAll(() => {
  rmSync(dir, { recursive: true, force: true })
})

type Event = [number, string, string]
const read = (file: string): { header: Record<string, unknown>; events: Event[] } => {
  const text = readFileSync(file, 'utf8')
  expect(text.endsWith('\n')).toBe(true)
  const [first, ...rest] = text.trimEnd().split('\n')
  return { header: JSON.parse(first!), events: rest.map(l => JSON.parse(l) as Event) }
}

describe('castHeader', () => {
  it('is the asciicast v2 header: version, size, timestamp, title, TERM and SHELL', () => {
    const h = JSON.parse(
      castHeader({ width: 100, height: 40, title: 'bocker_run' }, 1700000000, { TERM: 'xterm-256color', SHELL: '/bin/bash' }),
    )
    expect(h).toEqual({
      version: 2,
      width: 100,
      height: 40,
      timestamp: 1700000000,
      title: 'bocker_run',
      env: { TERM: 'xterm-256color', SHELL: '/bin/bash' },
    })
  })

  it('a size that is no size is 80x24; a variable that is not set is left out', () => {
    const h = JSON.parse(castHeader({ width: Number.NaN, height: 0, title: 'x' }, 1, {}))
    expect(h).toMatchObject({ width: 80, height: 24, env: {} })
  })
})

describe('castEvent', () => {
  it('is [seconds, "o", text] with a line feed said as the terminal does it (\\r\\n)', () => {
    expect(JSON.parse(castEvent(1.5, 'a\nb\r\nc'))).toEqual([1.5, 'o', 'a\r\nb\r\nc'])
    expect(castEvent(0.0000004, 'x')).toBe('[0.000000, "o", "x"]')
  })

  it('keeps colour codes and Japanese as they are; a lone surrogate becomes U+FFFD', () => {
    expect(JSON.parse(castEvent(0, '\x1b[32m✓ できました\x1b[39m'))[2]).toBe('\x1b[32m✓ できました\x1b[39m')
    expect(JSON.parse(castEvent(0, 'a\ud83db'))[2]).toBe('a\ufffdb')
    expect(JSON.parse(castEvent(0, '\ude00'))[2]).toBe('\ufffd')
    expect(Buffer.from(castEvent(0, 'a\ud83d'), 'utf8').toString('utf8')).toContain('\ufffd')
  })
})

describe('CastRecorder', () => {
  it('writes the header, then each write as it happens, with times that never go back', async () => {
    const file = join(dir, 'run.cast')
    const cast = new CastRecorder(file, { width: 80, height: 24, title: 'bocker_images' }, e => expect.fail(e))
    expect(read(file).events).toEqual([])
    cast.write('== ステップ 1/6 ==\n')
    await new Promise(r => setTimeout(r, 20))
    cast.write('')
    cast.write('IMAGE_ID\t\tSOURCE\n')
    expect(read(file).events).toHaveLength(2) // there before close: a run killed now leaves a file that plays
    cast.close()
    cast.write('after the end\n')
    cast.close()
    const { header, events } = read(file)
    expect(header).toMatchObject({ version: 2, width: 80, height: 24, title: 'bocker_images' })
    expect(Number.isInteger(header.timestamp)).toBe(true)
    expect(events.map(e => e[2])).toEqual(['== ステップ 1/6 ==\r\n', 'IMAGE_ID\t\tSOURCE\r\n'])
    expect(events.every(e => e[1] === 'o')).toBe(true)
    expect(events[1]![0] - events[0]![0]).toBeGreaterThanOrEqual(0.015)
  })

  it('Japanese and an emoji split between writes come out whole, as valid UTF-8', () => {
    const file = join(dir, 'split.cast')
    const cast = new CastRecorder(file, { width: 80, height: 24, title: 't' }, e => expect.fail(e))
    const text = 'レッスン完了。🐳 おつかれさまでした！\n'
    const at = text.indexOf('🐳') + 1 // between the emoji's two UTF-16 halves
    cast.write(text.slice(0, at))
    cast.write(text.slice(at))
    cast.write('end \ud83d')
    cast.close()
    const bytes = readFileSync(file)
    expect(new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toBe(bytes.toString('utf8'))
    const { events } = read(file)
    expect(events.map(e => e[2]).join('')).toBe('レッスン完了。🐳 おつかれさまでした！\r\nend \ufffd')
  })

  it('a full disk stops the recording, said once, and never throws into the run', () => {
    const errors: string[] = []
    let cast: CastRecorder | undefined
    expect(() => {
      cast = new CastRecorder('/dev/full', { width: 80, height: 24, title: 't' }, e => errors.push(e))
      cast.write('a\n')
      cast.write('b\n')
      cast.close()
    }).not.toThrow()
    expect(errors).toHaveLength(1)
    expect(errors[0]).toMatch(/ENOSPC/)
  })

  it('a file removed while recording stops it, said once', () => {
    const file = join(dir, 'gone.cast')
    const errors: string[] = []
    const cast = new CastRecorder(file, { width: 80, height: 24, title: 't' }, e => errors.push(e))
    cast.write('a\n')
    unlinkSync(file)
    cast.write('b\n')
    cast.write('c\n')
    cast.close()
    expect(errors).toEqual([`ENOENT: ${file} was removed while recording`])
  })

  it('a folder that went away before the start: said once, nothing thrown', () => {
    const errors: string[] = []
    const cast = new CastRecorder(join(dir, 'no-such-folder', 'x.cast'), { width: 80, height: 24, title: 't' }, e => errors.push(e))
    cast.write('a\n')
    cast.close()
    expect(errors).toHaveLength(1)
    expect(errors[0]).toMatch(/ENOENT/)
  })
})
