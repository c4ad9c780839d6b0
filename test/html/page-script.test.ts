// The page's own script in Debian's chromium, against a stub stream on loopback: fragments applied
// by the replace/append rule, the live view following the newest step unless the reader scrolled up
// (then a button jumps back), the presenter view's one step per screen and its keys.
import { existsSync } from 'node:fs'
import { createServer, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { type Browser, chromium, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { assemble, type Fragment } from '../../src/html/fragment.js'
import { htmlPage } from '../../src/html/page.js'

const CHROMIUM = '/usr/bin/chromium'
let browser: Browser | undefined
let server: Server
let base = ''
let fragments: Fragment[] = []
let readers: ServerResponse[] = []

const prose = (n: number): string => Array.from({ length: 12 }, (_, i) => `<p>段落 ${n}-${i}：日本語の文章がここに続きます。</p>`).join('')
const step = (id: string, n: number): string =>
  `<section id="step-${id}" class="step" data-step="${id}" data-ms="1"><h2>ステップ ${n}</h2><div class="prose">${prose(n)}</div><div class="log" id="step-${id}-log"></div></section>`
const frag = (id: string, parent: string | null, html: string): Fragment => ({ id, parent, html, seq: fragments.length })

function push(f: Fragment): void {
  fragments.push(f)
  for (const r of readers) r.write(`id: ${f.seq}\ndata: ${JSON.stringify(f)}\n\n`)
}

// a function, not a string: the page's Content-Security-Policy forbids eval
async function until(page: Page, test: () => boolean, ms = 3000): Promise<void> {
  await page.waitForFunction(test, undefined, { timeout: ms })
}

describe.runIf(existsSync(CHROMIUM))('the page script', () => {
  beforeAll(async () => {
    server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x')
      if (url.pathname === '/stream') {
        res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store' })
        const from = Number(url.searchParams.get('from') ?? 0)
        for (const f of fragments.slice(from)) res.write(`id: ${f.seq}\ndata: ${JSON.stringify(f)}\n\n`)
        readers.push(res)
        return
      }
      const view = url.pathname === '/presenter' ? 'presenter' : 'live'
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' })
      res.end(htmlPage({ lang: 'ja', title: 't', body: assemble(fragments), view, nextSeq: fragments.length }))
    })
    await new Promise<void>(r => server.listen(0, '127.0.0.1', r))
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] })
  })
  afterAll(async () => {
    await browser?.close()
    for (const r of readers) r.end()
    server.closeAllConnections()
    await new Promise(r => server.close(r))
  })

  it('live: applies fragments, follows the newest step, stops following when scrolled up, jumps back', async () => {
    fragments = []
    readers = []
    push(frag('run', null, '<header id="run" class="run" data-ms="1"><h1>bocker_run</h1></header>'))
    push(frag('step-a', null, step('a', 1)))
    const page = await browser!.newPage({ viewport: { width: 900, height: 700 } })
    const requests: string[] = []
    page.on('request', r => requests.push(new URL(r.url()).pathname))
    await page.goto(`${base}/`)
    await until(page, () => window.scrollY > 0) // a late joiner lands on the current step
    push(frag('step-a-out', 'step-a-log', '<pre id="step-a-out" data-ms="1">one</pre>'))
    push(frag('step-a-out', 'step-a-log', '<pre id="step-a-out" data-ms="1">one, replaced</pre>'))
    push(frag('step-b', null, step('b', 2)))
    await until(page, () => document.getElementById('step-b') !== null)
    expect(await page.$eval('#step-a-out', e => e.textContent)).toBe('one, replaced')
    expect(await page.$$eval('#step-a-out', els => els.length)).toBe(1)
    await until(page, () => Math.abs(document.getElementById('step-b')!.getBoundingClientRect().top) < 5)
    expect(await page.isHidden('#jump')).toBe(true)

    await page.mouse.move(400, 300)
    await page.mouse.wheel(0, -1500)
    await until(page, () => !document.getElementById('jump')!.hidden)
    const y = await page.evaluate(() => window.scrollY)
    push(frag('step-c', null, step('c', 3)))
    await until(page, () => document.getElementById('step-c') !== null)
    await new Promise(r => setTimeout(r, 200))
    expect(await page.evaluate(() => window.scrollY)).toBe(y)
    await page.click('#jump')
    await until(page, () => document.getElementById('step-c')!.getBoundingClientRect().top < window.innerHeight)
    expect(await page.isHidden('#jump')).toBe(true)
    expect(new Set(requests)).toEqual(new Set(['/', '/stream']))
    await page.close()
  })

  it('presenter: one piece per screen, keys to page, follows new steps only from the latest', async () => {
    fragments = []
    readers = []
    push(frag('run', null, '<header id="run" class="run" data-ms="1"><h1>bocker_run</h1></header>'))
    push(frag('step-a', null, step('a', 1)))
    push(frag('step-b', null, step('b', 2)))
    const page = await browser!.newPage({ viewport: { width: 1280, height: 720 } })
    await page.goto(`${base}/presenter`)
    const shown = async (): Promise<string[]> =>
      await page.$$eval('main > *', els => els.filter(e => getComputedStyle(e).display !== 'none').map(e => e.id))
    expect(await shown()).toEqual(['step-b'])
    const size = await page.$eval('#step-b p', e => Number.parseFloat(getComputedStyle(e).fontSize))
    expect(size).toBeGreaterThanOrEqual(24)
    await page.keyboard.press('ArrowLeft')
    expect(await shown()).toEqual(['step-a'])
    await page.keyboard.press('PageUp')
    expect(await shown()).toEqual(['run'])
    push(frag('step-c', null, step('c', 3)))
    await until(page, () => document.getElementById('step-c') !== null)
    expect(await shown()).toEqual(['run'])
    await page.keyboard.press('End')
    expect(await shown()).toEqual(['step-c'])
    push(frag('step-d', null, step('d', 4)))
    await until(page, () => document.getElementById('step-d') !== null)
    expect(await shown()).toEqual(['step-d'])
    // a step shown again (replaced) stays on screen
    push(frag('step-d', null, step('d', 4).replace('ステップ 4', 'ステップ 4 again')))
    await until(page, () => document.querySelector('#step-d h2')!.textContent!.includes('again'))
    expect(await shown()).toEqual(['step-d'])
    await page.keyboard.press('ArrowRight')
    expect(await shown()).toEqual(['step-d'])
    await page.close()
  })
})
