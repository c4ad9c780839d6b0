// The room for real: a teacher's run serves on loopback, learners' runs (real `run … --report URL
// --name NAME`, in Japanese) report to it, and the room page in chromium shows who is where and which
// check failed for how many. Reporting never breaks or slows a learner's run: not with the server
// killed in the middle, nor pointed at a closed port, nor at a server that never answers.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { createServer, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type Browser, chromium } from 'playwright-core'
import { afterAll, describe, expect, it } from 'vitest'
import { freePort } from '../serve/free-port.js'
import { Live, labReady } from './support/helpers.js'

const CHROMIUM = '/usr/bin/chromium'
const lessons = mkdtempSync(join(tmpdir(), 'bl-room-'))
mkdirSync(join(lessons, 'ja'))
const step = (id: string, code: string, check?: string): string =>
  `---\n\n## ${id}\n\n\`\`\`bash step id=${id} probe=none\n${code}\n\`\`\`\n${check ? `\n\`\`\`bash check\n${check}\n\`\`\`\n` : ''}\n`
// the last step's check fails, and the teardown takes a while: the learner shows as stuck meanwhile
writeFileSync(
  join(lessons, 'ja', 'room_demo.md'),
  `---\nsummary: 教室のテスト\n---\n# room_demo\n\n教室のテストです。\n\n\`\`\`bash teardown\nsleep 3\n\`\`\`\n\n${step('first', 'sleep 1; echo one', '# 主張: いつも成り立つ\ntrue')}${step('second', 'sleep 1; echo two', '# 主張: いつも失敗する\nfalse')}`,
)
writeFileSync(
  join(lessons, 'ja', 'room_slow.md'),
  `---\nsummary: 時間のかかるレッスン\n---\n# room_slow\n\n四秒かかります。\n\n${['a', 'b', 'c', 'd'].map(id => step(id, 'sleep 1', '# 主張: 成り立つ\ntrue')).join('')}`,
)
// every learner takes 1 s on the first step, but one who is given ROOM_SLOW
writeFileSync(
  join(lessons, 'ja', 'room_pace.md'),
  `---\nsummary: 歩みのテスト\n---\n# room_pace\n\n一人だけ遅くなります。\n\n${step('first', 'sleep "${ROOM_SLOW:-1}"', '# 主張: 成り立つ\ntrue')}${step('second', 'sleep 1', '# 主張: 成り立つ\ntrue')}`,
)
const env = { BOCKER_LEARN_LESSONS_DIR: lessons }

let browser: Browser | undefined
const teachers: Live[] = []
afterAll(async () => {
  await browser?.close()
  for (const t of teachers) t.kill('SIGKILL')
  rmSync(lessons, { recursive: true, force: true })
})

function post(url: string, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { 'Content-Type': 'application/json' } }, res => {
      res.resume()
      resolve(res.statusCode!)
    })
    req.on('error', reject)
    req.end(body)
  })
}

let runs = 0
/** a run, and its lesson's time (run-started to run-ended, from --events: the process's start is noise) */
async function timed(
  args: string[],
  during?: (l: Live) => Promise<void>,
): Promise<{ code: number | null; ms: number; wall: number; l: Live; times: string }> {
  const events = join(lessons, `run-${runs++}.jsonl`)
  const t0 = Date.now()
  const l = new Live([...args, '--events', events], env)
  await during?.(l)
  const { code } = await l.exited
  const wall = Date.now() - t0
  const lines = readFileSync(events, 'utf8').trimEnd().split('\n')
  const ms = (JSON.parse(lines.at(-1)!) as { ms: number }).ms - (JSON.parse(lines[0]!) as { ms: number }).ms
  // said when a time is over: where it went
  const times = lines
    .map(x => JSON.parse(x) as { type: string; ms: number })
    .filter(e => /step-started|block-ended|run-ended/.test(e.type))
    .map(e => `${e.type}@${e.ms}`)
    .join(' ')
  return { code, ms, wall, l, times }
}

describe.skipIf(!labReady || !existsSync(CHROMIUM))('the room', () => {
  it('learners reporting show in the room page: names, steps, who is stuck, which check failed for how many', async () => {
    const port = await freePort()
    // (a run of the fixture lessons writes the lab's `bocker` from them: the real lessons run apart)
    const teacher = new Live(['run', 'bocker_images', '--yes', '--lang', 'ja', '--serve', `127.0.0.1:${port}`])
    teachers.push(teacher)
    const url = (await teacher.waitFor(/http:\/\/127\.0\.0\.1:\d+\/\?room=([A-HJ-NP-Z2-9]{6})/))[0]
    await teacher.waitFor(/まだ開いています/)
    const code = new URL(url).searchParams.get('room')!
    const origin = new URL(url).origin
    browser ??= await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] })
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
    await page.goto(`${origin}/room`)
    expect(await page.textContent('#room-count')).toContain('まだだれからも報告がありません')

    const real = new Live(['run', 'bocker_images', '--yes', '--lang', 'ja', '--report', url, '--name', 'images-1'])
    expect((await real.exited).code, real.tail(40)).toBe(0)
    await page.waitForSelector('.learner[data-name="images-1"][data-state="ended"]')
    const names = ['山田', 'suzuki', 'tanaka-3', 'ヤマダ・ハナコ']
    const learners = names.map(name => new Live(['run', 'room_demo', '--yes', '--lang', 'ja', '--report', url, '--name', name], env))
    // while they run: every one has a row, and the failing check shows them stuck before their runs end
    await page.waitForFunction(n => document.querySelectorAll('.learner').length === n, names.length + 1, { timeout: 30_000 })
    await page.waitForFunction(() => document.querySelectorAll('.learner.stuck').length >= 2, undefined, { timeout: 30_000 })
    const stuckNames = await page.$$eval('.learner.stuck', rows => rows.map(r => r.getAttribute('data-name')))
    for (const n of stuckNames) expect(names).toContain(n)

    for (const l of learners) expect((await l.exited).code).toBe(1) // the failing check
    await page.waitForFunction(() => document.querySelectorAll('.learner.ended').length === 5, undefined, { timeout: 10_000 })
    const rows = await page.$$eval('.learner', rs =>
      rs.map(r => ({ name: r.getAttribute('data-name'), step: r.getAttribute('data-step'), state: r.getAttribute('data-state') })),
    )
    expect(rows.map(r => r.name).sort()).toEqual([...names, 'images-1'].sort())
    for (const r of rows.filter(r => r.name !== 'images-1')) expect(r).toMatchObject({ step: 'second', state: 'ended' })
    expect(rows.find(r => r.name === 'images-1')).toMatchObject({ step: 'images-source', state: 'ended' })
    const failed = await page.$$eval('.failed-claim', fs => fs.map(f => [f.getAttribute('data-label'), f.getAttribute('data-count')]))
    expect(failed).toEqual([['いつも失敗する', '4']])
    await page.screenshot({ path: join(lessons, 'room.png') })

    // bad reports: 4xx, and the room does not change
    const before = await page.content()
    const report = { room: code, name: 'mallory', lesson: 'x', step: 'a', n: 1, total: 2, held: 0, failed: [], ms: 0 }
    expect(await post(`${origin}/report`, JSON.stringify({ ...report, room: code === 'AAAAAA' ? 'BBBBBB' : 'AAAAAA' }))).toBe(403)
    expect(await post(`${origin}/report`, JSON.stringify({ ...report, name: '<script>' }))).toBe(400)
    expect(await post(`${origin}/report`, JSON.stringify({ ...report, cmd: 'reboot' }))).toBe(400)
    expect(await post(`${origin}/report`, '{')).toBe(400)
    await new Promise(r => setTimeout(r, 300))
    expect(await page.content()).toBe(before)
    // a late room page shows the same rows
    const late = await browser.newPage()
    await late.goto(`${origin}/room`)
    expect(await late.$$eval('.learner', rs => rs.length)).toBe(5)
    teacher.kill('SIGINT')
    expect((await teacher.exited).code).toBe(0)
  }, 120_000)

  it('--stuck-after 2: a learner far slower than the room on a step shows as stuck, with the ratio; the others never', async () => {
    const port = await freePort()
    const teacher = new Live(['run', 'room_pace', '--yes', '--lang', 'ja', '--serve', `127.0.0.1:${port}`, '--stuck-after', '2'], env)
    teachers.push(teacher)
    const url = (await teacher.waitFor(/http:\/\/127\.0\.0\.1:\d+\/\?room=[A-HJ-NP-Z2-9]{6}/))[0]
    browser ??= await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] })
    const page = await browser.newPage()
    await page.goto(`${new URL(url).origin}/room`)
    expect(await page.textContent('.room-rule')).toContain('2 秒より長く')
    const learner = (name: string, slow?: string): Live =>
      new Live(['run', 'room_pace', '--yes', '--lang', 'ja', '--report', url, '--name', name], {
        ...env,
        ...(slow ? { ROOM_SLOW: slow } : {}),
      })
    const runs = [learner('fast-1'), learner('fast-2'), learner('slow', '12')]
    // the room's median on [first] is 1 s: past 2 s and twice that, the slow one is stuck, by time
    await page.waitForSelector('.learner.stuck[data-name="slow"][data-step="first"]', { timeout: 15_000 })
    const slowRow = await page.textContent('.learner[data-name="slow"]')
    expect(slowRow).toMatch(/つまずき: .*中央値の [\d.]+ 倍/)
    const stuckNow = await page.$$eval('.learner.stuck', rows => rows.map(r => r.getAttribute('data-name')))
    expect(stuckNow).toEqual(['slow'])
    for (const r of runs) expect((await r.exited).code, r.tail(20)).toBe(0)
    await page.waitForFunction(() => document.querySelectorAll('.learner.ended').length === 3, undefined, { timeout: 10_000 })
    expect(await page.$$eval('.learner.stuck', rows => rows.length)).toBe(0)
    teacher.kill('SIGINT')
    expect((await teacher.exited).code).toBe(0)
  }, 60_000)

  it("a learner's run is not broken or slowed by the server: killed mid-run, a closed port, a server that never answers", async () => {
    /** the slow fixture lesson, in Japanese, reporting to `to` as `name` (or not at all) */
    const slowRun = (report?: { to: string; name: string }): string[] => [
      'run',
      'room_slow',
      '--yes',
      '--lang',
      'ja',
      ...(report ? ['--report', report.to, '--name', report.name] : []),
    ]
    const base = await timed(slowRun())
    expect(base.code).toBe(0)

    // the teacher's server killed (SIGKILL) while the learner's run goes on
    const port = await freePort()
    const teacher = new Live(['run', 'room_slow', '--yes', '--serve', `127.0.0.1:${port}`], env)
    teachers.push(teacher)
    const url = (await teacher.waitFor(/http:\/\/127\.0\.0\.1:\d+\/\?room=[A-HJ-NP-Z2-9]{6}/))[0]
    const follower = new Live(['follow', url, '--lang', 'ja'])
    // in English, of a lesson this machine has only in Japanese: said once, then the teacher's words
    const english = new Live(['follow', url, '--lang', 'en'])
    teachers.push(follower, english)
    const killed = await timed(slowRun({ to: url, name: 'kill-test' }), async learner => {
      await learner.waitFor(/\[b\]/)
      await follower.waitFor(/\[b\]/)
      await english.waitFor(/\[b\]/)
      teacher.kill('SIGKILL')
    })
    expect(killed.code).toBe(0)
    expect(killed.l.out).toContain('[d]')
    expect(killed.l.err).toBe('')
    expect(killed.ms, `${base.times}\n${killed.times}`).toBeLessThan(base.ms + 1500)
    expect(killed.wall).toBeLessThan(base.wall + 2500)
    // a follower of the dead server tries again for a few seconds, then says so in one line (exit 2)
    expect((await follower.exited).code).toBe(2)
    expect(follower.err.trim().split('\n')).toHaveLength(1)
    expect(follower.err).toContain('接続が切れました')
    expect(english.out).toContain("shown in the teacher's language (ja)")
    expect(english.out).toContain('成り立つ')

    // nobody listening
    const closed = await timed(slowRun({ to: `http://127.0.0.1:${await freePort()}/?room=ABC234`, name: 'closed' }))
    expect(closed.code).toBe(0)
    expect(closed.ms, `${base.times}\n${closed.times}`).toBeLessThan(base.ms + 1500)
    expect(closed.wall).toBeLessThan(base.wall + 2500)

    // a server that takes the connection and never says a word
    const sockets: Socket[] = []
    const silent = createServer(s => sockets.push(s))
    await new Promise<void>(r => silent.listen(0, '127.0.0.1', r))
    const silentPort = (silent.address() as { port: number }).port
    const mute = await timed(slowRun({ to: `http://127.0.0.1:${silentPort}/?room=ABC234`, name: 'mute' }))
    for (const s of sockets) s.destroy()
    silent.close()
    expect(mute.code).toBe(0)
    expect(mute.ms, `${base.times}\n${mute.times}`).toBeLessThan(base.ms + 1500)
    // the last report's second at the end, at most
    expect(mute.wall).toBeLessThan(base.wall + 2500)
    expect(sockets.length).toBeGreaterThan(0)
  }, 120_000)
})
