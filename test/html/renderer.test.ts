// The HTML renderer on the real bocker_run lesson, with events made up here (a real run's are in
// test/e2e/handout-browser.test.ts): ids, order, data-ms, claims in place, changes and the picture.
import { describe, expect, it } from 'vitest'
import { assemble, type Fragment } from '../../src/html/fragment.js'
import { HtmlRenderer } from '../../src/html/renderer.js'
import { findLesson } from '../../src/lesson/catalog.js'
import { readLesson } from '../../src/lesson/read.js'
import type { Lesson } from '../../src/lesson/types.js'
import type { BlockResult, RunEvent } from '../../src/run/events.js'

const result: BlockResult = {
  status: 0,
  pipestatus: [0],
  interrupted: false,
  timedOut: false,
  shellDied: false,
  durationMs: 12,
  accepted: true,
  timeoutSec: 30,
} as BlockResult

function eventsFor(lesson: Lesson): RunEvent[] {
  const step = lesson.steps.find(s => s.id === 'veth-add')!
  const [line, tryBlock] = [step.blocks.find(b => b.role === 'step')!, step.blocks.find(b => b.role === 'try')]
  const check = step.checks[0]!
  const net = {
    hostRead: true,
    links: [
      { name: 'bridge0', ifindex: 5, kind: 'bridge', state: 'UP' as const, carrier: false, mac: '00:00:00:00:00:00', netns: '' },
      {
        name: 'veth0_ps_1',
        ifindex: 7,
        kind: 'veth',
        state: 'UP' as const,
        carrier: true,
        mac: 'aa',
        netns: '',
        master: 'bridge0',
        peer: 'veth1_ps_1',
      },
      {
        name: 'veth1_ps_1',
        ifindex: 8,
        kind: 'veth',
        state: 'UP' as const,
        carrier: true,
        mac: '02:42:ac:11:00:01',
        netns: 'netns_ps_1',
        peer: 'veth0_ps_1',
      },
    ],
    addrs: [
      { dev: 'bridge0', cidr: '10.0.0.1/24', netns: '' },
      { dev: 'veth1_ps_1', cidr: '10.0.0.1/24', netns: 'netns_ps_1' },
    ],
    routes: [{ dst: 'default', dev: 'veth1_ps_1', gateway: '10.0.0.1', netns: 'netns_ps_1' }],
    netns: [{ name: 'netns_ps_1', inode: 1, readable: true }],
  }
  return [
    {
      type: 'run-started',
      version: 1,
      lesson: 'bocker_run',
      lang: 'en',
      file: lesson.file,
      args: [],
      cgroup: 'v1',
      steps: lesson.steps.map(s => ({ id: s.id, line: s.line, title: s.id })),
      leftOut: [],
      startAt: 0,
      interactive: false,
    },
    { type: 'intro' },
    { type: 'step-started', n: 5, total: 26, id: 'veth-add', quiet: false },
    {
      type: 'block-started',
      step: 'veth-add',
      role: 'step',
      line: line.line,
      quiet: false,
      tty: false,
      code: line.code,
      readsTerminal: false,
    },
    { type: 'block-output', step: 'veth-add', chunk: '\x1b[31m<script>alert(1)</script>\x1b[0m\n' },
    { type: 'block-ended', step: 'veth-add', role: 'step', line: line.line, quiet: false, tty: false, result },
    ...(tryBlock
      ? ([
          {
            type: 'block-started',
            step: 'veth-add',
            role: 'try',
            line: 9999,
            quiet: false,
            tty: false,
            code: tryBlock.code,
            readsTerminal: false,
          },
          {
            type: 'block-ended',
            step: 'veth-add',
            role: 'try',
            line: 9999,
            quiet: false,
            tty: false,
            result: { ...result, status: 1, accepted: false },
          },
        ] as RunEvent[])
      : []),
    {
      type: 'state-changed',
      step: 'veth-add',
      changes: [{ kind: 'added', what: 'link', id: 'veth0_ps_1', attrs: { kind: 'veth', state: 'DOWN' }, where: '' }],
      after: { takenAt: 0, probes: ['net'], net, blind: [] },
    } as RunEvent,
    { type: 'claim', step: 'veth-add', line: check.line, label: 'ラベル', status: 'held', exitStatus: 0, output: '' },
    { type: 'claim', step: 'veth-add', line: 1, label: 'another', status: 'failed', exitStatus: 3, output: 'why & <how>' },
    { type: 'step-ended', step: 'veth-add', status: 'done' },
    { type: 'teardown-started' },
    { type: 'removed', item: { what: 'netns', name: 'netns_ps_1', ok: true } },
    { type: 'run-ended', outcome: { status: 'done', failedClaims: 1, failedSteps: [], exercises: {} } },
  ]
}

async function render(lesson: Lesson, events: RunEvent[], lang: 'ja' | 'en' = 'en'): Promise<Fragment[]> {
  const out: Fragment[] = []
  const r = new HtmlRenderer(lesson, lang, f => out.push(f))
  for (const e of events) r.take(e)
  await r.flush()
  return out
}

describe('HtmlRenderer', () => {
  it('makes fragments in event order, numbered from 0, each root with its id and data-ms', async () => {
    const lesson = await readLesson(findLesson('bocker_run', 'en'))
    const before = Date.now()
    const frags = await render(lesson, eventsFor(lesson))
    expect(frags.map(f => f.seq)).toEqual(frags.map((_, i) => i))
    for (const f of frags) {
      const root = /^<([a-z]+)\b([^>]*)>/.exec(f.html)
      expect(root?.[2]).toContain(` id="${f.id}"`)
      const ms = Number(/data-ms="(\d+)"/.exec(root![2]!)?.[1])
      expect(ms).toBeGreaterThanOrEqual(before)
      expect(ms).toBeLessThanOrEqual(Date.now())
    }
    const ids = frags.map(f => f.id)
    expect(ids.slice(0, 3)).toEqual(['run', 'intro', 'step-veth-add'])
    expect(ids.at(-1)).toBe('run-ended')
  })

  it('puts outputs under their code, claims in place of their checks, changes with the network picture', async () => {
    const lesson = await readLesson(findLesson('bocker_run', 'en'))
    const step = lesson.steps.find(s => s.id === 'veth-add')!
    const body = assemble(await render(lesson, eventsFor(lesson)))
    const section = /<section id="step-veth-add" class="step" data-step="veth-add"[\s\S]*?<\/section>/.exec(body)?.[0] ?? ''
    expect(section).toContain(`<div class="runs" id="step-veth-add-L${step.blocks[0]!.line}"><div id="step-veth-add-out-`)
    // the output is text, escaped, without the terminal's colours
    expect(section).toContain('&lt;script&gt;alert(1)&lt;/script&gt;\n</span>')
    expect(section).not.toContain('\x1b')
    expect(body).not.toContain('<script>alert')
    // the try block found by its code though its line is another (a run of the other language's file)
    const tryBlock = step.blocks.find(b => b.role === 'try')
    if (tryBlock)
      expect(section).toMatch(new RegExp(`id="step-veth-add-L${tryBlock.line}"><div id="step-veth-add-out-\\d+" class="run try"`))
    const claims = [...section.matchAll(/class="check claim (\w+)"[^>]*data-label="([^"]*)"/g)].map(m => [m[1], m[2]])
    // the first in place of its check, in the page's language; the second (an unknown line) by order
    expect(claims[0]?.[0]).toBe('held')
    expect(claims[0]?.[1]).not.toBe('ラベル')
    expect(claims[1]?.[0]).toBe('failed')
    expect(section).toContain('why &amp; &lt;how&gt;')
    expect(section).toContain('class="change added"')
    expect(section).toMatch(/<svg class="network"[^>]*>[\s\S]*netns_ps_1[\s\S]*10\.0\.0\.1\/24[\s\S]*<\/svg>/)
    expect(body).toMatch(/<section id="teardown"[\s\S]*netns_ps_1/)
    expect(body).toMatch(/<section id="run-ended" class="run-ended failed" data-ms="\d+" data-status="done">/)
  })

  it('a step started again replaces its section; a quiet one says it ran', async () => {
    const lesson = await readLesson(findLesson('bocker_run', 'ja'))
    const again: RunEvent[] = [
      { type: 'step-started', n: 1, total: 2, id: 'uuid', quiet: true },
      { type: 'step-started', n: 2, total: 2, id: 'image-check', quiet: false },
      {
        type: 'block-started',
        step: 'image-check',
        role: 'try',
        line: 1,
        quiet: false,
        tty: false,
        code: 'echo other',
        readsTerminal: false,
      },
      { type: 'block-output', step: 'image-check', chunk: 'first time' },
      { type: 'step-started', n: 2, total: 2, id: 'image-check', quiet: false },
    ]
    const body = assemble(await render(lesson, again, 'ja'))
    expect(body).toContain('class="step quiet" data-step="uuid"')
    expect(body.match(/data-step="image-check"/g)).toHaveLength(1)
    expect(body).not.toContain('first time')
    expect(body).toContain('ステップ 2/2')
  })

  it('an exercise: hints, the model solution and the verdicts, in the page’s language', async () => {
    const lesson = await readLesson(findLesson('bocker_run', 'ja'))
    const ex = lesson.steps.find(s => s.exercise)!
    const events: RunEvent[] = [
      { type: 'step-started', n: 25, total: 26, id: ex.id, quiet: false },
      { type: 'exercise-checked', step: ex.id, label: 'english label', after: 'nothing', solved: false, output: '' },
      { type: 'hint', step: ex.id, n: 1, total: 3, text: 'ヒント<b>' },
      { type: 'solution-shown', step: ex.id, code: 'echo solution' },
      { type: 'exercise-checked', step: ex.id, label: 'english label', after: 'solution', solved: true, output: '' },
      { type: 'exercise-ended', step: ex.id, result: 'solved' },
    ]
    const body = assemble(await render(lesson, events, 'ja'))
    expect(body).toContain('class="step exercise"')
    expect(body).toContain('<details class="hint"><summary>ヒント 1</summary>')
    expect(body).toContain('<details class="solution"><summary>')
    expect(body).toContain('ヒント&lt;b&gt;')
    expect(body).not.toContain('english label')
    expect(body.match(/class="check claim exercise-check[^"]*held"/g)?.length).toBeGreaterThanOrEqual(3)
  })
})
