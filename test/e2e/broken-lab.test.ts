// A broken lab, broken for real but only inside a private network + mount namespace (the machine's
// lab and colleagues' containers are not disturbed): `run` exits 2 with one line per missing piece
// that names its fix, and changes nothing. And a step that fills the btrfs is reported as such.

import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { afterAll, describe, expect, it } from 'vitest'
import {
  atTerminal,
  CLI,
  claimedUuid,
  errLines,
  FIXTURES,
  fingerprint,
  labReady,
  ROOT,
  scrub,
  settle,
  thingsOf,
} from './support/helpers.js'

const SAFETY = `${ROOT}/test/fixtures/safety-lessons`
const mine: string[] = []
afterAll(async () => {
  await scrub(mine.filter(u => thingsOf(u).length > 0))
})

const BRIDGE_UP = 'ip link add bridge0 type bridge && ip addr add 10.0.0.1/24 dev bridge0 && ip link set bridge0 up'
// A 120 MiB btrfs (about 39 MiB usable) with a copy of the base image, mounted over /var/bocker.
const SMALL_BTRFS = (img: string): string =>
  [
    `truncate -s 120M ${img}`,
    `mkfs.btrfs -q ${img} >/dev/null`,
    `m=$(mktemp -d)`,
    `mount -o loop ${img} $m`,
    'btrfs subvolume create $m/img_42001 >/dev/null',
    'cp -a /var/bocker/img_42001/. $m/img_42001/',
    'mount --move $m /var/bocker',
    'rmdir $m',
  ].join(' && ')
const FILL = 'dd if=/dev/zero of=/var/bocker/filler bs=1M status=none 2>/dev/null; true'

function inPrivateLab(
  prep: string,
  args: string[],
  opts: { net?: boolean; env?: Record<string, string> } = {},
): { code: number | null; out: string; err: string } {
  const r = spawnSync(
    'unshare',
    [
      ...(opts.net === false ? [] : ['--net']),
      '--mount',
      '--propagation',
      'private',
      'bash',
      '-c',
      `${prep} && exec node ${CLI} "$@"`,
      'bash',
      ...args,
    ],
    { encoding: 'utf8', env: { ...process.env, LANG: 'C.UTF-8', NO_COLOR: '1', ...opts.env }, timeout: 60_000 },
  )
  return { code: r.status, out: r.stdout, err: r.stderr }
}

function withSmallBtrfs<T>(fn: (img: string) => T): T {
  const dir = mkdtempSync('/tmp/bl-small-btrfs-')
  try {
    return fn(`${dir}/btrfs.img`)
  } finally {
    // the namespace is gone, so is its mount; the loop device (autoclear) goes with it
    expect(spawnSync('losetup', ['-j', `${dir}/btrfs.img`], { encoding: 'utf8' }).stdout).toBe('')
    rmSync(dir, { recursive: true, force: true })
  }
}

describe.skipIf(!labReady)('a broken lab: `run` exits 2, one line per missing piece with its fix, nothing changed', () => {
  it.each([
    ['bridge0 missing', 'true', /bridge0 does not exist: sudo bocker-learn setup \(or add --setup\)/],
    ['bridge0 down', 'ip link add bridge0 type bridge && ip addr add 10.0.0.1/24 dev bridge0', /bridge0 is down: sudo bocker-learn setup/],
    ['/var/bocker not mounted', `${BRIDGE_UP} && umount -l /var/bocker`, /nothing is mounted on \/var\/bocker: sudo bocker-learn setup/],
    [
      'a missing tool (cgcreate)',
      `${BRIDGE_UP} && mount --bind /dev/null "$(command -v cgcreate)"`,
      /missing: cgcreate \(cgroup-tools\): sudo bocker-learn setup --packages/,
    ],
    [
      'cgroup controllers unavailable',
      `${BRIDGE_UP} && umount -R /sys/fs/cgroup && mount -t tmpfs bl-no-cgroups /sys/fs/cgroup`,
      /controller\(s\) .*memory.* not usable: vagrant up/,
    ],
  ])('%s', (_name, prep, message) => {
    const before = fingerprint()
    const r = inPrivateLab(prep, ['run', 'bocker_run', '--yes', '--lang', 'en'])
    expect(r.code, r.err).toBe(2)
    expect(errLines(r.err), r.err).toHaveLength(1)
    expect(r.err).toMatch(message)
    expect(fingerprint()).toEqual(before)
  })

  it('btrfs full: names the full disk and `reset`, does not offer setup', () =>
    withSmallBtrfs(img => {
      const before = fingerprint()
      const r = inPrivateLab(`${SMALL_BTRFS(img)} && ${FILL}`, ['run', 'bocker_run', '--yes', '--lang', 'en'], { net: false })
      expect(r.code, r.out + r.err).toBe(2)
      expect(errLines(r.err), r.err).toEqual([
        expect.stringMatching(/^bocker-learn: \/var\/bocker is full \(0 MiB free, need 8 MiB\): sudo bocker-learn reset/),
      ])
      expect(fingerprint()).toEqual(before)
    }))
})

describe.skipIf(!labReady)('a step that fills the btrfs', () => {
  it('fails, says the btrfs is full and what frees it, and the teardown still runs', () =>
    withSmallBtrfs(img => {
      const r = inPrivateLab(SMALL_BTRFS(img), ['run', 'misbehave', '--yes', '--lang', 'en', 'fill'], {
        net: false,
        env: { BOCKER_LEARN_LESSONS_DIR: SAFETY },
      })
      const uuid = claimedUuid(r.out)
      if (uuid) mine.push(uuid)
      expect(r.code, r.out + r.err).toBe(1)
      expect(r.out + r.err).toMatch(/No space left on device/)
      expect(r.err).toMatch(/Step act failed/)
      expect(r.err).toMatch(/The btrfs on \/var\/bocker is full \(0 MiB free\): `sudo bocker-learn reset`/)
      expect(r.out).toContain('teardown-ran')
      expect(r.out).not.toContain('still-alive')
    }))

  it('leaves nothing of its run behind', async () => {
    for (const uuid of mine) expect(await settle(() => thingsOf(uuid))).toEqual([])
  })
})

// "On a fresh machine, run notices a missing lab and offers setup" — here the fresh machine is a
// private network namespace without bridge0; provision's record goes to a temporary file.
describe.skipIf(!labReady)('a lab piece missing: run sets it up and goes on', () => {
  it('--setup: makes bridge0 without asking, then runs the lesson to the end', () => {
    const record = mkdtempSync('/tmp/bl-record-')
    try {
      const before = fingerprint()
      const r = inPrivateLab('true', ['run', 'misbehave', '--yes', '--setup', '--lang', 'en', 'errexit'], {
        env: { BOCKER_LEARN_LESSONS_DIR: SAFETY, BOCKER_LEARN_RECORD: `${record}/r` },
      })
      expect(r.code, r.out + r.err).toBe(0)
      expect(r.err).toMatch(/^bocker-learn: bridge0 does not exist/m)
      expect(r.out).toContain('changed: created bridge0')
      expect(r.out).toMatch(/still-alive ps_\d{5}/)
      expect(fingerprint()).toEqual(before)
    } finally {
      rmSync(record, { recursive: true, force: true })
    }
  })

  it('at a terminal: says what is missing, asks, and after yes runs setup and then the lesson', () => {
    const record = mkdtempSync('/tmp/bl-record-')
    try {
      const r = atTerminal(
        [
          ['expect', 'bridge0 がありません'],
          ['expect', '実行しますか'],
          ['sleep', 0.3],
          ['send', '\r'],
          ['expect', 'created bridge0'],
          ['expect', 'どうしますか'],
          ['sleep', 0.3],
          ['send', '\u0003'],
          ['answer', '削除しますか', '\r'],
        ],
        ['run', 'mini'],
        {
          prefix: ['unshare', '--net', '--mount', '--propagation', 'private'],
          env: { BOCKER_LEARN_LESSONS_DIR: FIXTURES, BOCKER_LEARN_RECORD: `${record}/r` },
        },
      )
      expect(r.out).toMatch(/ステップ 1\/4/)
      expect(r.code).toBe(130)
    } finally {
      rmSync(record, { recursive: true, force: true })
    }
  })
})
