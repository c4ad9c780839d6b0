// A learner at a real terminal (a pty): prompts, going back, Ctrl-C during a step and at a prompt.
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { detectCgroupMode } from '../../src/lab/cgroup-mode.js'
import { findLesson } from '../../src/lesson/catalog.js'
import { loadLesson } from '../../src/lesson/parse.js'
import { planSteps } from '../../src/plan/plan.js'
import { type PtyAction as Action, atTerminal, CLI, claimedUuid, FIXTURES, fingerprint, leaks, ROOT, settle } from './support/helpers.js'

const SAFETY = `${ROOT}/test/fixtures/safety-lessons`

const ask = (id: string, keys: string): Action[] => [
  ['expect', `[${id}]`],
  ['expect', 'どうしますか'],
  ['sleep', 0.3],
  ['send', keys],
]
const DOWN = '\u001b[B'

/** the mini fixture lesson in Japanese; a question about orphans from earlier runs is answered */
const drive = (script: Action[], args: string[]): { out: string; code: number } =>
  atTerminal([['answer', '片付けますか', '\r'], ...script], args, { env: { BOCKER_LEARN_LESSONS_DIR: FIXTURES } })

describe.runIf(process.getuid?.() === 0)('at a terminal', () => {
  it('runs, goes back, and on Ctrl-C stops only the step, then Ctrl-C at the prompt quits with teardown', () => {
    const { out, code } = drive(
      [
        ...ask('uuid', '\r'),
        ...ask('veth-add', `${DOWN}${DOWN}\r`), // back
        ...ask('uuid', `${DOWN}\r`), // skip: the uuid stays as it was
        ...ask('veth-add', '\r'),
        ...ask('args', '\r'),
        ...ask('wait', '\r'),
        ['expect', 'waiting'],
        ['sleep', 0.5],
        ['send', '\u0003'],
        ['expect', '中断しました'],
        ...ask('wait', '\u0003'),
        ['expect', '後片付け'],
        ['answer', '削除しますか', '\r'],
      ],
      ['run', 'mini'],
    )
    expect(code).toBe(130)
    const headers = [...out.matchAll(/ステップ \d\/4 {2}\[([a-z-]+)\]/g)].map(m => m[1])
    expect(headers).toEqual(['uuid', 'veth-add', 'uuid', 'veth-add', 'args', 'wait', 'wait'])
    expect(out).toContain('✓ 確認OK: 両端がある')
    expect(out).not.toMatch(/^finished/m) // the sleep was stopped, not waited for
    const uuid = claimedUuid(out)!
    expect(execFileSync('ip', ['-br', 'link'], { encoding: 'utf8' })).not.toContain(uuid)
  })

  it("going back to the uuid step and running it again keeps the run's one container (nothing is left over)", async () => {
    const before = fingerprint()
    const { out, code } = drive(
      [
        ...ask('uuid', '\r'),
        ...ask('veth-add', '\r'),
        ...ask('args', `${DOWN}${DOWN}\r`), // back
        ...ask('veth-add', `${DOWN}${DOWN}\r`), // back
        ...ask('uuid', '\r'), // run the draw again
        ['expect', 'のままにします'],
        ...ask('veth-add', `${DOWN}\r`), // skip: its veth exists already
        ...ask('args', '\u0003'),
        ['expect', '後片付け'],
        ['answer', '削除しますか', '\r'],
      ],
      ['run', 'mini'],
    )
    expect(code, out).toBe(130)
    const uuid = claimedUuid(out)!
    expect([...out.matchAll(/を確保しました/g)]).toHaveLength(1)
    expect(out).toContain(`この実行のコンテナはもう ${uuid} です`)
    expect(await settle(() => leaks(before))).toEqual([])
  })

  it("bocker_run with the command `sh`: at the container's step the learner types into the container; Ctrl-D ends it", async () => {
    const plan = planSteps(loadLesson(findLesson('bocker_run', 'ja')), detectCgroupMode()).steps
    const steps = plan.map(st => st.id)
    // Enter runs a step; at an exercise's question it would open a shell: "skip" is the 6th choice there
    const enter = (id: string): string => (plan.find(s => s.id === id)?.exercise ? `${DOWN.repeat(5)}\r` : '\r')
    const runId = steps.find(id => id.startsWith('run'))!
    const before = fingerprint()
    const r = atTerminal(
      [
        ['answer', '片付けますか', '\r'],
        ...steps.slice(0, steps.indexOf(runId)).flatMap(id => ask(id, '\r')),
        ...ask(runId, '\r'),
        ['expect', 'Ctrl-D'],
        ['sleep', 1],
        ['send', 'echo inside-$((6*7)) pid=$$ host=$(cat /proc/1/comm)\n'],
        ['expect', 'inside-42 pid=1 host=sh'],
        ['send', '\u0004'],
        ...steps.slice(steps.indexOf(runId) + 1).flatMap(id => ask(id, enter(id))),
        ['answer', '削除しますか', '\r'],
      ],
      ['run', 'bocker_run', 'img_42001', 'sh'],
    )
    expect(r.code, r.out.slice(-2000)).toBe(0)
    const uuid = claimedUuid(r.out)!
    expect(r.out).toMatch(/確認OK: tee がログファイル/)
    expect(await settle(() => leaks(before))).toEqual([])
    expect(existsSync(`/var/bocker/${uuid}`)).toBe(false)
  }, 120_000)

  it("a stdin=terminal step reads the keyboard past the lesson's timeout; its checks do not", () => {
    const { out, code } = drive(
      [...ask('read-line', '\r'), ['expect', 'Ctrl-D'], ['sleep', 2.5], ['send', 'first\nsecond\n'], ['expect', 'got=[first]']],
      ['run', 'typein'],
    )
    expect(code, out).toBe(0)
    expect(out).not.toMatch(/止めました（タイムアウト）/)
    expect(out).toContain('確認OK: 確認のブロックはキーボードを読まない')
  })

  it("opens a shell that carries the lesson's variables, and comes back", () => {
    const { out, code } = drive(
      [
        ...ask('uuid', '\r'),
        ...ask('veth-add', `${DOWN.repeat(6)}\r`), // shell here
        ['expect', '(bocker-learn)'],
        ['send', 'echo "in-shell uuid=$uuid arg1=$1"\r'],
        ['expect', 'in-shell uuid=ps_'],
        ['send', 'exit\r'],
        ['expect', 'レッスンに戻りました'],
        ...ask('veth-add', '\u0003'),
        ['expect', '後片付け'],
        ['answer', '削除しますか', '\r'],
      ],
      ['run', 'mini'],
    )
    expect(code).toBe(130)
    expect(out).toMatch(/in-shell uuid=ps_\d{5} arg1=img_42001/)
  })

  it('catches up with --from: earlier steps run quietly, then it pauses', () => {
    const { out, code } = drive(
      [
        ...ask('args', '\r'),
        ['expect', 'image=img_42001'],
        ...ask('wait', `${DOWN.repeat(7)}\r`), // quit
        ['expect', '後片付け'],
        ['answer', '削除しますか', '\r'],
      ],
      ['run', 'mini', '--from', '3'],
    )
    expect(code).toBe(130)
    expect(out).toContain('ステップ 3 まで静かに実行しています')
    expect(out).not.toMatch(/ステップ [12]\/4/)
  })

  it("asks whether to keep an existing container on quit; kept, it stays like bocker's until reset", () => {
    const r = atTerminal(
      [
        ['answer', '片付けますか', '\r'],
        ['expect', '[resolv-conf]'],
        ['expect', 'どうしますか'],
        ['sleep', 0.3],
        ['send', '\u0003'],
        ['expect', '削除しますか'],
        ['sleep', 0.3],
        ['send', 'n'],
      ],
      ['run', 'bocker_run', '--from', 'resolv-conf'],
    )
    expect(r.code).toBe(130)
    const uuid = /コンテナ (ps_\d{5})/.exec(r.out)![1]!
    try {
      expect(r.out).toContain(`コンテナ ${uuid} を残しました`)
      expect(existsSync(`/var/bocker/${uuid}`)).toBe(true)
      expect(execFileSync('ip', ['-br', 'link'], { encoding: 'utf8' })).not.toContain(uuid)
    } finally {
      execFileSync('node', [CLI, 'reset'])
    }
    expect(existsSync(`/var/bocker/${uuid}`)).toBe(false)
  })

  it('keys pressed while a step runs do not answer the next question; the choices show even on a 0-row terminal', () => {
    const script: Action[] = [
      ['expect', '[slow]'],
      ['expect', 'What next?'],
      ['sleep', 0.3],
      ['send', '\r'],
      ['expect', 'What next?'],
      ['sleep', 0.3],
      ['send', '\r\r\r'], // impatient, while `sleep 2` runs
      ['expect', 'done-slow'],
      ['expect', '[next]'],
      ['expect', 'What next?'],
      ['sleep', 1.5],
      ['send', '\u0003'],
    ]
    const r = atTerminal(script, ['run', 'typeahead', '--lang', 'en', '--no-state'], {
      env: { LANG: 'C.UTF-8', BOCKER_LEARN_LESSONS_DIR: SAFETY },
    })
    expect(r.out).toContain('Quit (with teardown)') // the list of choices is drawn (the pty reports 0 rows)
    expect(r.out).toMatch(/\ndone-slow\r?\n/)
    expect(r.out).not.toMatch(/\ndone-next\r?\n/) // its output; the code `echo done-next` is shown
    expect(r.code).toBe(130)
  })

  // enquirer's own hook would process.exit(130) on these while a prompt is up, skipping the teardown
  it.each(['INT', 'TERM', 'HUP'])('SIG%s while a prompt waits (a veth exists): teardown runs, exit 130, nothing left', async sig => {
    const before = fingerprint()
    const { out, code } = drive(
      [...ask('uuid', '\r'), ...ask('veth-add', '\r'), ...ask('args', ''), ['sleep', 0.5], ['signal', sig]],
      ['run', 'mini'],
    )
    expect(out).toContain('後片付け')
    expect(code).toBe(130)
    expect(await settle(() => leaks(before))).toEqual([])
  })

  it('a failed step stays at its prompt; skipped, the lesson goes on and ends with exit 1 naming it', async () => {
    const before = fingerprint()
    const step = (id: string, keys: string): Action[] => [
      ['expect', `[${id}]`],
      ['expect', 'What next?'],
      ['sleep', 0.3],
      ['send', keys],
    ]
    const script: Action[] = [
      ...step('uuid', '\r'),
      ...step('veth-add', '\r'),
      ...step('act', '\r'),
      ['expect', 'about to fail'],
      ['expect', 'This step failed'],
      ...step('act', `${DOWN}\r`),
      ...step('after', '\r'),
      ['answer', 'Remove it?', '\r'],
    ]
    const r = atTerminal(script, ['run', 'misbehave', '--lang', 'en', '--no-state', 'fail'], {
      env: { LANG: 'C.UTF-8', BOCKER_LEARN_LESSONS_DIR: SAFETY },
    })
    expect(r.out).toMatch(/still-alive ps_\d{5}/)
    expect(r.out).toContain('Steps that failed and were skipped: act')
    expect(r.out).toContain('teardown-ran')
    expect(r.code).toBe(1)
    expect(await settle(() => leaks(before))).toEqual([])
  })

  it('Ctrl-C during the --from catch-up quits with teardown and leaves nothing', async () => {
    const before = fingerprint()
    const script: Action[] = [
      ['expect', 'まで静かに実行しています'],
      ['sleep', 0.6],
      ['send', '\u0003'],
      ['answer', '削除しますか', '\r'],
    ]
    const r = atTerminal(script, ['run', 'bocker_run', '--from', 'cleanup-veth', '--no-state'])
    expect(r.out).toContain('後片付け')
    expect(r.code).toBe(130)
    expect(await settle(() => leaks(before))).toEqual([])
  })

  it('refuses to ask questions without a terminal', () => {
    const r = spawnSync('node', [CLI, 'run', 'mini'], { encoding: 'utf8', env: { ...process.env, BOCKER_LEARN_LESSONS_DIR: FIXTURES } })
    expect(r.status).toBe(2)
    expect(r.stderr.trim()).toBe('bocker-learn: no terminal to ask questions at: add --yes to run every step without asking')
  })
})
