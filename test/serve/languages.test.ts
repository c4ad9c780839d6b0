// A teacher's ja run, read in English: `/?lang=en` is the same run with the en lesson's prose and
// claims (made on the first request, from every event so far), its stream goes on with the run,
// and a language the lesson has no mirror in is the teacher's page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { esc } from '../../src/html/escape.js'
import { findLesson } from '../../src/lesson/catalog.js'
import { claimLabel } from '../../src/lesson/claim.js'
import { readLesson } from '../../src/lesson/read.js'
import type { Lesson } from '../../src/lesson/types.js'
import type { RunEvent } from '../../src/run/events.js'
import { type Http, startHttp } from '../../src/serve/http.js'
import { readSse } from '../../src/serve/sse-client.js'

let s: Http
let base: string
let ja: Lesson
let en: Lesson
const get = async (path: string): Promise<string> => await (await fetch(`${base}${path}`)).text()
/** the page once it shows `text` (a page starts with what is highlighted so far; the rest streams) */
async function pageWith(path: string, text: string): Promise<string> {
  let page = ''
  for (let i = 0; i < 100 && !page.includes(text); i++) {
    if (i > 0) await new Promise(r => setTimeout(r, 50))
    page = await get(path)
  }
  return page
}
const claimEvent = (lesson: Lesson, n: number): RunEvent => {
  const step = lesson.steps[n]!
  const check = step.checks[0]!
  return { type: 'claim', step: step.id, line: check.line, label: claimLabel(check.code), status: 'held', exitStatus: 0, output: '' }
}
const stepEvents = (n: number): RunEvent[] => [
  { type: 'step-started', n: n + 1, total: ja.steps.length, id: ja.steps[n]!.id, quiet: false },
  claimEvent(ja, n),
  { type: 'step-ended', step: ja.steps[n]!.id, status: 'done' },
]
const label = (lesson: Lesson, n: number): string => claimLabel(lesson.steps[n]!.checks[0]!.code)

beforeAll(async () => {
  ja = await readLesson(findLesson('bocker_images', 'ja'))
  en = await readLesson(findLesson('bocker_images', 'en'))
  s = await startHttp({ listen: { host: '127.0.0.1', port: 0 }, lesson: ja, lang: 'ja' })
  base = new URL(s.url).origin
  s.feed.take({
    type: 'run-started',
    version: 1,
    lesson: ja.name,
    lang: 'ja',
    file: ja.file,
    args: [],
    cgroup: 'v2',
    steps: ja.steps.map(st => ({ id: st.id, line: st.line, title: st.id })),
    leftOut: [],
    startAt: 0,
    interactive: false,
  })
  s.feed.take({ type: 'intro' })
  for (const e of stepEvents(0)) s.feed.take(e)
})
afterAll(async () => {
  await s.close()
})

describe('the page in the other language', () => {
  // the teacher's page (no ?lang) and the page asked for in English, made from every event so far
  it.each([
    ['/', 'ja', 'en'],
    ['/?lang=en', 'en', 'ja'],
  ] as const)('%s: the page in %s, a link to %s, its stream in its language, only its own claims', async (path, lang, other) => {
    const [mine, theirs] = lang === 'ja' ? [ja, en] : [en, ja]
    const page = await pageWith(path, esc(label(mine, 0)))
    expect(page).toContain(`<html lang="${lang}"`)
    expect(page).toContain(`href="?lang=${other}"`)
    expect(page).toContain(`data-stream="stream?lang=${lang}"`)
    expect(page).toContain(esc(label(mine, 0)))
    expect(page).not.toContain(esc(label(theirs, 0)))
  })

  it('its stream goes on with the run, as the teacher’s does', async () => {
    for (const e of stepEvents(1)) s.feed.take(e)
    for (const [lang, lesson] of [
      ['en', en],
      ['ja', ja],
    ] as const) {
      let text = ''
      await readSse(`${base}/stream?lang=${lang}&from=0`, m => {
        text += m.data
        return text.includes(JSON.stringify(esc(label(lesson, 1))).slice(1, -1))
      })
      expect(text).toContain(JSON.stringify(esc(label(lesson, 1))).slice(1, -1))
    }
  })

  it('the link to the other language keeps the room code', async () => {
    expect(await get(`/?room=${s.code}`)).toContain(`href="?room=${s.code}&amp;lang=en"`)
    expect(await get(`/?room=${s.code}&lang=en`)).toContain(`href="?room=${s.code}&amp;lang=ja"`)
  })

  it('a language with no mirror, or none at all, is the teacher’s page', async () => {
    for (const q of ['?lang=fr', '?lang=', '?lang=%00', '']) expect(await get(`/${q}`)).toContain('<html lang="ja"')
    expect(await get('/presenter?lang=en')).toContain('<html lang="en"')
  })
})
