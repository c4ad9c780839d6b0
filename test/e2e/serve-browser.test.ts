// --serve for real: a whole bocker_run (in Japanese) served on loopback while chromium (Debian's,
// driven by playwright-core) follows it, and `follow` in a second process prints it in a terminal.
// Every step of the plan, every change and every claim must be in the page; the page loads nothing
// but itself; followers coming, going or stalling change nothing for the teacher.
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type Browser, chromium, type Page } from 'playwright-core'
import { afterAll, describe, expect, it } from 'vitest'
import { findLesson } from '../../src/lesson/catalog.js'
import { claimLabel } from '../../src/lesson/claim.js'
import { loadLesson } from '../../src/lesson/parse.js'
import type { RunEvent } from '../../src/run/events.js'
import { freePort } from '../serve/free-port.js'
import { Live, labReady } from './support/helpers.js'

const CHROMIUM = '/usr/bin/chromium'
const dir = mkdtempSync(join(tmpdir(), 'bl-serve-'))
let browser: Browser | undefined
const started: Live[] = []
afterAll(async () => {
  for (const l of started) l.kill('SIGKILL')
  await browser?.close()
  rmSync(dir, { recursive: true, force: true })
})

const of = <T extends RunEvent['type']>(events: RunEvent[], type: T): Extract<RunEvent, { type: T }>[] =>
  events.filter(e => e.type === type) as Extract<RunEvent, { type: T }>[]

/** what the page shows: the steps, claims and changes in the DOM */
async function shown(page: Page): Promise<{
  steps: string[]
  claims: { label: string; held: boolean }[]
  exerciseChecks: number
  changes: number
  svgs: number
  ended: string | null
}> {
  return await page.evaluate(() => ({
    steps: [...document.querySelectorAll('section.step')].map(s => s.getAttribute('data-step') ?? ''),
    claims: [...document.querySelectorAll('.claim:not(.exercise-check)')].map(c => ({
      label: c.getAttribute('data-label') ?? '',
      held: c.classList.contains('held'),
    })),
    exerciseChecks: document.querySelectorAll('.claim.exercise-check').length,
    changes: document.querySelectorAll('.change').length,
    svgs: document.querySelectorAll('svg.network').length,
    ended: document.getElementById('run-ended')?.getAttribute('data-status') ?? null,
  }))
}

describe.skipIf(!labReady || !existsSync(CHROMIUM))('--serve, followed in chromium and in a terminal', () => {
  it('every step, change and claim reaches the page live, a late joiner, the presenter view and `follow`', async () => {
    const port = await freePort()
    const eventsFile = join(dir, 'run.jsonl')
    const teacher = new Live(['run', 'bocker_run', '--yes', '--lang', 'ja', '--serve', `127.0.0.1:${port}`, '--events', eventsFile])
    started.push(teacher)
    const url = (await teacher.waitFor(/http:\/\/127\.0\.0\.1:\d+\/\?room=[A-HJ-NP-Z2-9]{6}/))[0]
    expect(url).toContain(`:${port}/`)
    const follower = new Live(['follow', url, '--lang', 'ja'])
    // a learner who reads English follows the teacher's Japanese run
    const englishFollower = new Live(['follow', url, '--lang', 'en'])
    // a follower that leaves in the middle, and one that connects and never reads
    const leaver = new Live(['follow', url])
    started.push(follower, englishFollower, leaver)
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] })
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
    const requests: string[] = []
    page.on('request', r => requests.push(r.url()))
    await page.goto(url)
    await leaver.waitFor(/==/)
    leaver.kill('SIGKILL')

    await page.waitForSelector('#run-ended', { timeout: 90_000 })
    await teacher.waitFor(/まだ開いています/, 90_000)
    const events = readFileSync(eventsFile, 'utf8')
      .trimEnd()
      .split('\n')
      .map(l => JSON.parse(l) as RunEvent)
    const plan = of(events, 'run-started')[0]!.steps.map(s => s.id)
    const claims = of(events, 'claim')
    const changes = of(events, 'state-changed').reduce((n, e) => n + e.changes.length, 0)
    expect(plan.length).toBeGreaterThan(20)
    expect(claims.length).toBeGreaterThan(10)
    expect(changes).toBeGreaterThan(10)

    const live = await shown(page)
    expect(live.steps).toEqual(plan)
    expect(live.claims).toEqual(claims.map(c => ({ label: c.label, held: c.status === 'held' })))
    expect(live.exerciseChecks).toBeGreaterThanOrEqual(of(events, 'exercise-checked').length)
    expect(live.changes).toBe(changes)
    expect(live.svgs).toBeGreaterThan(0)
    expect(live.ended).toBe('done')
    // it followed the run down to its end
    expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(1000)
    const shot = join(dir, 'live.png')
    await page.screenshot({ path: shot, fullPage: false })
    expect(statSync(shot).size).toBeGreaterThan(10_000)
    const origin = new URL(url).origin
    expect(requests.filter(r => !r.startsWith(`${origin}/`))).toEqual([])

    // joining late: the same page, from the assembled fragments
    const late = await browser.newPage()
    await late.goto(url)
    expect(await shown(late)).toEqual(live)
    const presenter = await browser.newPage()
    await presenter.goto(`${origin}/presenter`)
    expect((await shown(presenter)).steps).toEqual(plan)

    // the same run in English, asked for after it ended: made from every event, with the en claims
    const en = loadLesson(findLesson('bocker_run', 'en'))
    const ja = loadLesson(findLesson('bocker_run', 'ja'))
    const enLabel = (c: { step: string; line: number }): string => {
      const index = ja.steps.find(s => s.id === c.step)!.checks.findIndex(k => k.line === c.line)
      return claimLabel(en.steps.find(s => s.id === c.step)!.checks[index]!.code)
    }
    const english = await browser.newPage()
    await english.goto(`${url}&lang=en`)
    await english.waitForSelector('#run-ended', { timeout: 30_000 })
    const inEnglish = await shown(english)
    expect(await english.evaluate(() => document.documentElement.lang)).toBe('en')
    expect(inEnglish.steps).toEqual(plan)
    expect(inEnglish.claims).toEqual(claims.map(c => ({ label: enLabel(c), held: c.status === 'held' })))
    expect(inEnglish.changes).toBe(changes)

    // the terminal follower printed what the teacher's terminal printed
    expect((await follower.exited).code).toBe(0)
    // (the teacher's first two lines are the server's: its URL, then the presenter's and the room's)
    const teacherText = teacher.out.split('\n').slice(2, -2).join('\n')
    expect(follower.out.split('\n').slice(1).join('\n')).toContain(teacherText)
    for (const id of plan) expect(follower.out).toContain(`[${id}]`)

    // in English: the same steps and outputs, the en lesson's prose and claims, none of the ja claims
    expect((await englishFollower.exited).code).toBe(0)
    const flat = (text: string): string => text.replace(/\n[│┃ ]*/g, ' ').replace(/\s+/g, ' ')
    const enOut = flat(englishFollower.out)
    for (const id of plan) expect(englishFollower.out).toContain(`[${id}]`)
    expect(englishFollower.out).toContain(teacher.claimed!.uuid)
    for (const c of claims) {
      expect(enOut).toContain(flat(`✓ holds: ${enLabel(c)}`))
      expect(enOut).not.toContain(flat(c.label))
    }

    // Ctrl-C stops the server; the run's own exit code stands
    const t0 = Date.now()
    teacher.kill('SIGINT')
    expect((await teacher.exited).code).toBe(0)
    expect(Date.now() - t0).toBeLessThan(3000)
  }, 180_000)
})
