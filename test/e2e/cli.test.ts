// The built CLI, as a user calls it: happy paths of every command (bad input: bad-input.test.ts).
import { execFileSync, spawnSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { claimedUuid } from './support/helpers.js'

const CLI = new URL('../../dist/cli.js', import.meta.url).pathname
const FIXTURES = new URL('../fixtures/lessons', import.meta.url).pathname
const asRoot = process.getuid?.() === 0

function cli(args: string[], env: Record<string, string> = {}, asUser?: string) {
  const cmd = asUser
    ? (['setpriv', ['--reuid', asUser, '--regid', asUser, '--clear-groups', 'node', CLI, ...args]] as const)
    : (['node', [CLI, ...args]] as const)
  const r = spawnSync(cmd[0], [...cmd[1]], {
    encoding: 'utf8',
    env: { ...process.env, LANG: 'C.UTF-8', LC_ALL: '', ...env },
    timeout: 120_000,
  })
  return { code: r.status, out: r.stdout, err: r.stderr }
}

describe('bocker-learn CLI', () => {
  it('prints its version and help', () => {
    expect(cli(['--version']).out.trim()).toMatch(/^\d+\.\d+\.\d+$/)
    const help = cli(['--help'])
    expect(help.code).toBe(0)
    for (const c of ['list', 'show', 'run', 'check', 'state', 'doctor', 'setup', 'reset']) expect(help.out).toContain(`  ${c} `)
    expect(cli(['run', '--help']).out).toContain('--dry-run')
  })

  it('lists the course in order, in the chosen language, with lengths and progress', () => {
    const ja = cli(['list', '--lang', 'ja'])
    expect(ja.code).toBe(0)
    expect(ja.out).toMatch(/^コース/)
    expect(ja.out).toMatch(/^[ ✓] +1\. bocker +\d+ ステップ・練習 \d+\/\d+ +\S/m)
    expect(ja.out).toMatch(/^[ ✓] +5\. bocker_run +\d+ ステップ・練習 \d+\/2 +\S/m)
    expect(ja.out).toMatch(/レッスン(中 \d+ 終了|すべて終了)/)
    expect(cli(['list'], { LANG: 'ja_JP.UTF-8' }).out).toBe(ja.out)
  })

  it('shows a lesson without running it', () => {
    const r = cli(['show', 'mini', '--lang', 'ja'], { BOCKER_LEARN_LESSONS_DIR: FIXTURES })
    expect(r.code).toBe(0)
    expect(r.out).toContain('ステップ 2/4  [veth-add]')
    expect(r.out).toContain('ip link add dev veth0_"$uuid" type veth peer name veth1_"$uuid"')
  })

  it('lints the shipped lessons clean', () => {
    const r = cli(['check'])
    expect(r.err).toBe('')
    expect(r.code).toBe(0)
    expect(r.out).toMatch(/ok .*lessons\/ja\/bocker_run\.md/)
  })

  it.runIf(asRoot)('dry-runs without root, substituting what it can know', () => {
    const r = cli(['run', 'mini', '--dry-run', '--uuid', 'ps_42032', '--lang', 'en'], { BOCKER_LEARN_LESSONS_DIR: FIXTURES }, '65534')
    expect(r.err).toBe('')
    expect(r.code).toBe(0)
    expect(r.out).toContain('ip link add dev veth0_ps_42032 type veth peer name veth1_ps_42032')
    expect(r.out).toContain(`cmd='echo hello from "$1"'; echo "image=img_42001 cmd=$cmd"`)
  })

  it.runIf(asRoot).each([
    ['ja', '注意: --serve 8411 はレッスンの引数', 'run bocker_run --serve 8411 img_42001 …'],
    ['en', 'Note: --serve 8411 went to the lesson', 'run bocker_run --serve 8411 img_42001 …'],
  ])("in %s, says in one line when run's own option is written among the lesson's arguments", (lang, note, fix) => {
    const r = cli(['run', 'bocker_run', '--dry-run', 'img_42001', '--serve', '8411', '--lang', lang], {}, '65534')
    expect(r.code).toBe(0)
    expect(r.err.trim().split('\n')).toHaveLength(1)
    expect(r.err).toContain(note)
    expect(r.err).toContain(fix)
    // the lesson got it, as bocker would
    expect(r.out).toContain('echo "--serve 8411" >')
    expect(cli(['run', 'bocker_run', '--dry-run', '--serve', '8411', 'img_42001', '--lang', lang], {}, '65534').err).toBe('')
  })

  it.runIf(asRoot)('runs a small lesson for real with --yes and leaves nothing behind', () => {
    const r = cli(['run', 'mini', '--yes', '--lang', 'en'], { BOCKER_LEARN_LESSONS_DIR: FIXTURES })
    expect(r.err).toBe('')
    expect(r.code).toBe(0)
    const uuid = claimedUuid(r.out)
    expect(uuid).toBeDefined()
    expect(r.out).toContain(`+ link veth0_${uuid}`)
    expect(r.out).toContain('✓ holds: 両端がある')
    expect(r.out).toContain('image=img_42001 cmd=echo hello from "$1"')
    expect(execFileSync('ip', ['-br', 'link'], { encoding: 'utf8' })).not.toContain(uuid)
    expect(spawnSync('ls', [`/var/lib/bocker-learn/runs/${uuid}.json`]).status).not.toBe(0)
  })
})

describe('show, for every shipped lesson', () => {
  it.each(['bocker_run', 'bocker_pull'].flatMap(name => (['ja', 'en'] as const).map(lang => [name, lang] as const)))(
    '%s in %s: everything, folded details open, no internal error',
    (name, lang) => {
      const r = cli(['show', name, '--lang', lang])
      expect(r.code, r.err).toBe(0)
      expect(r.err).toBe('')
      expect(r.out).not.toMatch(/internal error|内部エラー/)
      if (name === 'bocker_run') expect(r.out).toContain('▾ ')
    },
  )
})
