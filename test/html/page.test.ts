import { describe, expect, it } from 'vitest'
import { lessonHtml } from '../../src/html/lesson-html.js'
import { htmlPage } from '../../src/html/page.js'
import { findLesson } from '../../src/lesson/catalog.js'
import { readLesson } from '../../src/lesson/read.js'

/** anything that would make a browser fetch: src/href/url()/@import, except links a reader may follow */
const fetches = (html: string): string[] =>
  [...html.matchAll(/\b(?:src|srcset|data|poster|action)\s*=\s*"[^"]*"|url\([^)]*\)|@import|<link\b[^>]*>|<iframe|<object|<embed/gi)].map(
    m => m[0],
  )

describe('htmlPage', () => {
  it('is one document that fetches nothing, in every view', () => {
    for (const view of ['handout', 'live', 'presenter', 'room'] as const) {
      const page = htmlPage({ lang: 'ja', title: 'a <b> "c"', body: '<p id="x">x</p>', view, nextSeq: 7 })
      expect(page.startsWith(`<!doctype html>\n<html lang="ja" class="view-${view}">`)).toBe(true)
      expect(page).toContain('<title>a &lt;b&gt; &quot;c&quot;</title>')
      expect(fetches(page)).toEqual([])
      expect(page).toContain("default-src 'none'")
      expect(page).toContain(`data-view="${view}"`)
    }
  })

  it('the live views stream from their own server, from the fragment after the page', () => {
    expect(htmlPage({ lang: 'en', title: 't', body: '', view: 'live', nextSeq: 7 })).toContain('data-stream="stream" data-next-seq="7"')
    expect(htmlPage({ lang: 'en', title: 't', body: '', view: 'presenter' })).toContain('data-stream="stream" data-next-seq="0"')
    expect(htmlPage({ lang: 'en', title: 't', body: '', view: 'room', nextSeq: 3 })).toContain(
      'data-stream="room/stream" data-next-seq="3"',
    )
    const handout = htmlPage({ lang: 'en', title: 't', body: '', view: 'handout' })
    expect(/<body[^>]*>/.exec(handout)?.[0]).toBe('<body class="view-handout" data-view="handout">')
    expect(handout).not.toContain('<button id="jump"')
  })

  it('sets Japanese line breaking, wrapping code and A4 print with a page per step', () => {
    const page = htmlPage({ lang: 'ja', title: 't', body: '', view: 'handout' })
    for (const rule of [
      'line-break:strict',
      'word-break:normal',
      'overflow-wrap:anywhere',
      'text-autospace',
      'white-space:pre-wrap',
      '@page{size:A4;margin:15mm}',
      'section.step{break-before:page',
      '.live-only,#jump,#status,#keys{display:none!important}',
    ])
      expect(page).toContain(rule)
    expect(page).toMatch(/--sans:"Noto Sans CJK JP"/)
    expect(page).toMatch(/--mono:"Noto Sans Mono CJK JP"/)
  })
})

describe('lessonHtml', () => {
  it('every step of the lesson, both cgroup modes, with checks as claims and hints and solutions folded', async () => {
    for (const lang of ['ja', 'en'] as const) {
      const lesson = await readLesson(findLesson('bocker_run', lang))
      const body = await lessonHtml(lesson, lang)
      const steps = [...body.matchAll(/<section id="step-([a-z0-9-]+)" class="step[^"]*" data-step="\1"/g)].map(m => m[1])
      expect(steps).toEqual(lesson.steps.map(s => s.id))
      const checks = lesson.steps.flatMap(s => s.checks)
      expect(body.match(/<div class="check check"/g)).toHaveLength(checks.length)
      const hints = lesson.steps.reduce((n, s) => n + (s.exercise?.hints.length ?? 0), 0)
      expect(body.match(/<details class="hint">/g)).toHaveLength(hints)
      expect(body.match(/<details class="solution">/g)).toHaveLength(lesson.steps.filter(s => s.exercise).length)
      expect(body).toContain('<pre class="shiki github-light"')
      expect(fetches(body)).toEqual([])
    }
  })
})
