// Bad input and a broken lab: one line on stderr, exit 2, and NOTHING created or changed on the
// machine (links, netns, subvolumes, ps_* cgroups, ledger). Plus: a command argument with quotes,
// `;` and `$()` reaches the container's shell exactly as bocker passes it, never a host shell;
// and the lesson's own mistakes (hang, `kill -9 $$`, `exit 1`, `set -e; false`) end cleanly.

import { execFileSync, spawnSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs'
import { afterAll, describe, expect, it } from 'vitest'
import { claimedUuid, cli, errLines, fingerprint, isRoot, labReady, leaks, ROOT, scrub, settle, thingsOf } from './support/helpers.js'

const SAFETY = `${ROOT}/test/fixtures/safety-lessons`
const BAD = `${ROOT}/test/fixtures/safety-bad/ja`
const MINI = `${ROOT}/test/fixtures/lessons`
const mine: string[] = []
afterAll(async () => {
  await scrub(mine.filter(u => thingsOf(u).length > 0))
})

function expectRefused(args: string[], message: RegExp, env: Record<string, string> = {}, as?: 'nobody'): void {
  const before = fingerprint()
  const r = cli(args, { env, as })
  expect(r.code, `${args.join(' ')}\n${r.out}\n${r.err}`).toBe(2)
  expect(errLines(r.err), r.err).toHaveLength(1)
  expect(r.err).toMatch(message)
  expect(fingerprint(), 'nothing created or changed').toEqual(before)
}

describe.skipIf(!labReady)('bad input to `run`: one line, exit 2, nothing changed', () => {
  it.each([
    ['unknown lesson', ['run', 'bocker_runn', '--yes'], {}, /unknown lesson "bocker_runn"; did you mean "bocker_run"/],
    ['unknown option', ['run', 'bocker_run', '--yes', '--bogus'], {}, /unknown option.*--bogus/i],
    ['no lesson', ['run', '--yes'], {}, /which lesson\?/],
    [
      'extra args (lesson without a rest arg)',
      ['run', 'noargs', '--yes', 'surplus'],
      { BOCKER_LEARN_LESSONS_DIR: SAFETY },
      /too many arguments \(surplus\)/,
    ],
    ['bad --uuid', ['run', 'bocker_run', '--uuid', 'ps_1;id', '--yes'], {}, /--uuid ps_1;id/],
    [
      "--uuid outside bocker's range",
      ['run', 'bocker_run', '--uuid', 'ps_12345', '--yes'],
      {},
      /--uuid ps_12345 cannot be used: bocker draws uuids from ps_42002 to ps_42254/,
    ],
    [
      '--uuid whose IP is the gateway',
      ['run', 'bocker_run', '--uuid', 'ps_42100', '--yes'],
      {},
      /--uuid ps_42100 cannot be used: its IP 10\.0\.0\.1 is bridge0's own address.*pick another/,
    ],
    ['bad --from', ['run', 'bocker_run', '--from', '99', '--yes'], {}, /--from 99/],
    ['image that does not exist', ['run', 'mini', '--yes', 'img_99999'], { BOCKER_LEARN_LESSONS_DIR: MINI }, /No image named 'img_99999'/],
    [
      'image id that is a path',
      ['run', 'mini', '--yes', '../../etc'],
      { BOCKER_LEARN_LESSONS_DIR: MINI },
      /"\.\.\/\.\.\/etc" is not valid/,
    ],
    ['image id with ;', ['run', 'mini', '--yes', 'img_1;reboot'], { BOCKER_LEARN_LESSONS_DIR: MINI }, /"img_1;reboot" is not valid/],
    ['bocker_run: image that does not exist', ['run', 'bocker_run', '--yes', 'img_99999'], {}, /img_99999/],
    ['bocker_run: image id that is a path', ['run', 'bocker_run', '--yes', '../../etc'], {}, /\.\.\/\.\.\/etc/],
    ['bocker_run: image id with ;', ['run', 'bocker_run', '--yes', 'img_1;reboot'], {}, /img_1;reboot/],
    ['--stuck-after without --serve', ['run', 'bocker_run', '--yes', '--stuck-after', '60'], {}, /--stuck-after tunes the room of --serve/],
    ['--stuck-after 0', ['run', 'bocker_run', '--yes', '--serve', '8411', '--stuck-after', '0'], {}, /--stuck-after 0: give whole seconds/],
    [
      '--stuck-after 2m, in Japanese',
      ['run', 'bocker_run', '--yes', '--lang', 'ja', '--serve', '8411', '--stuck-after', '2m'],
      {},
      /--stuck-after 2m: 1〜3600 の整数/,
    ],
    ['--serve 0', ['run', 'bocker_run', '--yes', '--serve', '0'], {}, /--serve 0: give \[ADDR:\]PORT/],
    // the note that --yes went to the lesson waits until nothing is refused
    [
      'bad --from, --yes among the lesson arguments',
      ['run', 'bocker_run', '--from', 'zz', 'img_42001', '--yes'],
      {},
      /--from zz: give a step/,
    ],
    [
      '--stuck-after 2m',
      ['run', 'bocker_run', '--yes', '--serve', '8411', '--stuck-after', '2m'],
      {},
      /--stuck-after 2m: give whole seconds from 1 to 3600/,
    ],
  ] as const)('%s', (_name, args, env, message) => expectRefused([...args], message, env))

  it.each(['unclosed', 'badattr', 'dupid', 'outside'])('malformed lesson (%s): file:line from `check` and from `run`', name => {
    const file = `${BAD}/${name}.md`
    const check = cli(['check', file])
    expect(check.code).toBe(2)
    expect(check.err).toMatch(new RegExp(`^${file}:\\d+: \\S`, 'm'))
    const before = fingerprint()
    const run = cli(['run', file, '--yes', '--trust'])
    expect(run.code, run.out + run.err).toBe(2)
    expect(run.err).toMatch(new RegExp(`^${file}:\\d+: \\S`, 'm'))
    expect(fingerprint()).toEqual(before)
  })

  it('--uuid already in use (here: its netns exists) is refused before anything runs', () => {
    execFileSync('ip', ['netns', 'add', 'netns_ps_42233'])
    try {
      expectRefused(
        ['run', 'bocker_run', '--uuid', 'ps_42233', '--yes'],
        /--uuid ps_42233 cannot be used: \/run\/netns\/netns_ps_42233 exists; pick another ps_NNNNN, or remove it with `sudo bocker-learn reset`/,
      )
    } finally {
      execFileSync('ip', ['netns', 'del', 'netns_ps_42233'])
    }
  })

  it('a lesson file outside lessons/ is refused under --yes without --trust', () => {
    const dir = '/tmp/bl-outside/ja'
    mkdirSync(dir, { recursive: true })
    copyFileSync(`${SAFETY}/ja/noargs.md`, `${dir}/noargs.md`)
    try {
      const before = fingerprint()
      const r = cli(['run', `${dir}/noargs.md`, '--yes'])
      expect(r.code).toBe(2)
      expect(r.err).toMatch(/--trust/)
      expect(fingerprint()).toEqual(before)
    } finally {
      rmSync('/tmp/bl-outside', { recursive: true, force: true })
    }
  })

  it('not root: one line naming sudo and --dry-run; --dry-run works as nobody', () => {
    expectRefused(['run', 'bocker_run', '--yes'], /sudo .*--dry-run/, {}, 'nobody')
    // a mistyped option is said first: sudo alone would not help
    expectRefused(['run', 'bocker_run', '--stuck-after', '60'], /--stuck-after tunes the room of --serve/, {}, 'nobody')
    const dry = cli(['run', 'bocker_run', '--dry-run'], { as: 'nobody' })
    expect(dry.code, dry.err).toBe(0)
    expect(dry.out).toMatch(/^ip link add dev veth0_ps_\d{5} type veth/m)
  })

  it('no lab marker: refused (workstation rule), marker restored', () => {
    const marker = '/etc/bocker-learn/lab'
    const aside = `${marker}.bl-test-aside`
    renameSync(marker, aside)
    try {
      expectRefused(['run', 'bocker_run', '--yes'], /not marked as a lab VM.*bocker-learn setup/)
    } finally {
      renameSync(aside, marker)
    }
    expect(existsSync(marker)).toBe(true)
  })
})

describe.skipIf(!labReady)('what reaches the container', () => {
  it("quotes, ; and $() in the command run in the container's shell, never the host's", () => {
    const marker = '/tmp/bl-pwned-host'
    rmSync(marker, { force: true })
    const before = fingerprint()
    const r = cli([
      'run',
      'bocker_run',
      '--yes',
      '--lang',
      'en',
      'img_42001',
      `$(touch ${marker}); echo "q'uo\\"te;semi" ; echo sub=$(echo inner)`,
    ])
    const uuid = claimedUuid(r.out)
    if (uuid) mine.push(uuid)
    expect(r.out).toContain(`q'uo"te;semi`)
    expect(r.out).toContain('sub=inner')
    expect(existsSync(marker), 'no host shell ran the argument').toBe(false)
    expect(leaks(before)).toEqual([])
  }, 60_000)
})

describe.skipIf(!isRoot || !labReady)("the session survives the lesson's own mistakes", () => {
  const env = { BOCKER_LEARN_LESSONS_DIR: SAFETY }
  const go = (mode: string): ReturnType<typeof cli> & { uuid?: string } => {
    const r = cli(['run', 'misbehave', '--yes', '--lang', 'en', mode], { env })
    const uuid = claimedUuid(r.out)
    if (uuid) mine.push(uuid)
    return { ...r, uuid }
  }
  it('set -e; false does not kill the session: the next step runs, exit 0', async () => {
    const r = go('errexit')
    expect(r.code, r.out + r.err).toBe(0)
    expect(r.out).toContain('after-false')
    expect(r.out).toContain(`still-alive ${r.uuid}`)
    expect(await settle(() => thingsOf(r.uuid!))).toEqual([])
  })
  it('exit 1 ends the lesson with exit 1 and the message; teardown runs', async () => {
    const r = go('exit1')
    expect(r.code).toBe(1)
    expect(r.out).toContain('giving up')
    expect(r.out).toMatch(/exit 1/)
    expect(r.out).not.toContain('still-alive')
    expect(r.out).toContain('teardown-ran')
    expect(await settle(() => thingsOf(r.uuid!))).toEqual([])
  })
  it('kill -9 $$ is reported, teardown still runs', async () => {
    const r = go('kill')
    expect(r.code).toBe(1)
    expect(r.err).toMatch(/lesson shell \(bash\) ended: signal SIGKILL/)
    expect(r.out).toContain('teardown-ran')
    expect(await settle(() => thingsOf(r.uuid!))).toEqual([])
  })
  it('a step that hangs (ignoring SIGINT and SIGTERM) hits its timeout and its processes are killed', async () => {
    const r = go('hang')
    expect(r.code).toBe(1) // a timeout is a failed step, not an interrupt
    expect(r.out).toMatch(/timeout/i)
    expect(r.out).not.toContain('still-alive')
    expect(r.out).toContain('teardown-ran')
    expect(spawnSync('pgrep', ['-f', '^sleep 61$']).status, 'the hung process is gone').toBe(1)
    expect(await settle(() => thingsOf(r.uuid!))).toEqual([])
  })
})
