// The handout for real: a whole bocker_run run with --events, `export --from-events`, the page opened
// in Debian's chromium (playwright-core), every step, change and claim found in the DOM, printed to
// an A4 PDF (a page per step at least), a screenshot kept; the page asks for nothing but itself.
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type Browser, chromium } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunEvent } from '../../src/run/events.js'
import { cli, labReady } from './support/helpers.js'

const CHROMIUM = '/usr/bin/chromium'
const dir = mkdtempSync(join(tmpdir(), 'bl-handout-'))
let passed = 0
let browser: Browser | undefined

const read = (file: string): RunEvent[] =>
  readFileSync(file, 'utf8')
    .trimEnd()
    .split('\n')
    .map(l => JSON.parse(l) as RunEvent)

/** PDF pages, counted from the file's page objects */
const pdfPages = (file: string): number => (readFileSync(file, 'latin1').match(/\/Type\s*\/Page(?!s)/g) ?? []).length

describe.runIf(labReady && existsSync(CHROMIUM))('export --html --from-events, in a real browser', () => {
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] })
  })
  afterAll(async () => {
    await browser?.close()
    // the screenshots and PDFs stay in the temp dir for a look after a failure, and only then
    if (passed === 2) rmSync(dir, { recursive: true, force: true })
    else console.log(`handout-browser: screenshots and PDFs in ${dir}`)
  })

  for (const lang of ['ja', 'en'] as const) {
    it(`bocker_run in ${lang}: every step, change and claim; A4 PDF; nothing fetched`, async () => {
      const events = join(dir, `${lang}.jsonl`)
      const run = cli(['run', 'bocker_run', '--yes', '--lang', lang, '--events', events], { timeoutMs: 180_000 })
      expect(run.code).toBe(0)
      const out = join(dir, lang)
      const ex = cli(['export', 'bocker_run', '--html', out, '--from-events', events, '--lang', lang])
      expect(ex.err).toBe('')
      expect(ex.code).toBe(0)
      const file = join(out, 'index.html')

      const stream = read(events)
      const plan = (stream.find(e => e.type === 'run-started') as Extract<RunEvent, { type: 'run-started' }>).steps.map(s => s.id)
      const claims = stream.filter(e => e.type === 'claim') as Extract<RunEvent, { type: 'claim' }>[]
      const changes = stream.flatMap(e => (e.type === 'state-changed' ? e.changes : []))
      const pictures = stream.filter(
        e => e.type === 'state-changed' && e.changes.some(c => ['link', 'netns', 'addr', 'route'].includes(c.what)),
      )

      const page = await browser!.newPage({ viewport: { width: 1100, height: 1400 } })
      const requests: string[] = []
      page.on('request', r => requests.push(r.url()))
      const errors: string[] = []
      page.on('pageerror', e => errors.push(e.message))
      await page.goto(`file://${file}`)

      const steps = await page.$$eval('section.step', els => els.map(e => e.getAttribute('data-step')))
      expect(steps).toEqual(plan)
      const held = await page.$$eval('.claim.held', els => els.length)
      // an exercise's verdicts show in its log, and the last that counts in place of its check too
      const verdicts = stream.filter(e => e.type === 'exercise-checked') as Extract<RunEvent, { type: 'exercise-checked' }>[]
      expect(held).toBe(
        claims.filter(c => c.status === 'held').length + verdicts.length + verdicts.filter(v => v.after !== 'nothing').length,
      )
      expect(await page.$$eval('.claim.failed', els => els.length)).toBe(0)
      // each claim sits in its own step, with a label
      for (const c of claims) expect(await page.$$eval(`#step-${c.step} .claim[data-label]`, els => els.length)).toBeGreaterThan(0)
      expect(await page.$$eval('.change', els => els.length)).toBe(changes.length)
      expect(await page.$$eval('svg.network', els => els.length)).toBe(pictures.length)
      expect(await page.$eval('#run-ended', e => e.getAttribute('data-status'))).toBe('done')
      // the prose is in the page's language, with its Japanese (or English) text around the code
      const h2 = await page.$eval('section.step h2 .n', e => e.textContent ?? '')
      expect(h2).toMatch(lang === 'ja' ? /^ステップ 1\// : /^Step 1\//)
      // nothing wider than the page: long code and output lines wrap
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
      expect(overflow).toBeLessThanOrEqual(0)

      const shot = join(dir, `handout-${lang}.png`)
      await page.locator(`#step-${plan[6]}`).scrollIntoViewIfNeeded()
      await page.screenshot({ path: shot })
      expect(statSync(shot).size).toBeGreaterThan(10_000)
      const pdf = join(dir, `handout-${lang}.pdf`)
      await page.pdf({ path: pdf, format: 'A4' })
      expect(pdfPages(pdf)).toBeGreaterThanOrEqual(plan.length)
      expect(requests).toEqual([`file://${file}`])
      expect(errors).toEqual([])
      await page.close()
      passed++
    }, 240_000)
  }
})
