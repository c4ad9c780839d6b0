// The lab's values as text (src/render/doctor.ts, src/render/removed.ts), in both languages.
import { describe, expect, it } from 'vitest'
import type { DoctorCheck } from '../../src/lab/doctor.js'
import type { Removed } from '../../src/lab/removed.js'
import { checksAsJson, formatChecks, missingLine } from '../../src/render/doctor.js'
import { describeRemoved } from '../../src/render/removed.js'
import { displayWidth, stripAnsi } from '../../src/render/width.js'

const CHECKS: DoctorCheck[] = [
  { id: 'root', ok: true, blocking: true, detail: { key: 'lab.doctor.root.ok' } },
  {
    id: 'bridge',
    ok: false,
    blocking: true,
    detail: { key: 'lab.doctor.bridge.missing', vars: { bridge: 'bridge0' } },
    fix: 'sudo bocker-learn setup',
  },
  {
    id: 'lab-marker',
    ok: false,
    blocking: false,
    detail: { key: 'lab.doctor.marker.missing', vars: { marker: '/etc/bocker-learn/lab' } },
    fix: 'sudo bocker-learn setup',
  },
  { id: 'tool-ip', ok: true, blocking: true, detail: 'ip utility, iproute2-6.1.0' },
]

describe('doctor as text', () => {
  it('prints ok / NG / warn as words, and the fix under what is missing', () => {
    const lines = formatChecks(CHECKS, 'en').map(stripAnsi)
    expect(lines[0]).toMatch(/^ok\s+root\s+running as root$/)
    expect(lines[1]).toMatch(/^NG\s+bridge\s+bridge0 does not exist$/)
    expect(lines[2]).toMatch(/^\s+fix: sudo bocker-learn setup$/)
    expect(lines[3]).toMatch(/^warn\s+lab-marker/)
    expect(lines[5]).toMatch(/^ok\s+tool-ip\s+ip utility, iproute2-6.1.0$/)
  })

  it('in Japanese, every word is Japanese and the columns still line up', () => {
    const lines = formatChecks(CHECKS, 'ja').map(stripAnsi)
    expect(lines[1]).toMatch(/bridge0 がありません$/)
    expect(lines[2]).toMatch(/直し方: sudo bocker-learn setup$/)
    expect(lines[3]).toMatch(/^注意\s+lab-marker/)
    const idColumn = (l: string): number => displayWidth(l.slice(0, l.indexOf(l.includes('lab-marker') ? 'lab-marker' : 'root')))
    expect(idColumn(lines[3]!)).toBe(idColumn(lines[0]!))
  })

  it("--json gives the texts in the learner's language, with the key of the words", () => {
    expect(checksAsJson(CHECKS.slice(1, 2), 'ja')).toEqual([
      {
        id: 'bridge',
        ok: false,
        blocking: true,
        detail: 'bridge0 がありません',
        key: 'lab.doctor.bridge.missing',
        fix: 'sudo bocker-learn setup',
      },
    ])
    expect(checksAsJson(CHECKS.slice(3), 'en')).toEqual([{ id: 'tool-ip', ok: true, blocking: true, detail: 'ip utility, iproute2-6.1.0' }])
  })

  it('preflight says one line per missing piece, with its fix', () => {
    expect(missingLine(CHECKS[1]!, 'en')).toBe('bocker-learn: bridge0 does not exist: sudo bocker-learn setup')
    const full: DoctorCheck = {
      id: 'btrfs-space',
      ok: false,
      blocking: true,
      detail: { key: 'lab.doctor.space.full', vars: { path: '/var/bocker', free: 0, min: 8 } },
      fix: { key: 'lab.doctor.fix.reset' },
    }
    expect(missingLine(full, 'en')).toMatch(/^bocker-learn: \/var\/bocker is full \(0 MiB free, need 8 MiB\): sudo bocker-learn reset/)
    expect(missingLine(full, 'ja')).toMatch(/^bocker-learn: \/var\/bocker がいっぱいです.*: sudo bocker-learn reset {3}# 残ったコンテナ/)
  })
})

describe('describeRemoved', () => {
  const veth: Removed = { what: 'veth', name: 'veth0_ps_42032', ok: true }
  it('says what was removed, in each language', () => {
    expect(describeRemoved(veth, 'ja')).toBe('veth veth0_ps_42032 を削除しました')
    expect(describeRemoved(veth, 'en')).toBe('deleted veth veth0_ps_42032')
    expect(describeRemoved({ what: 'process', name: 'sleep', pid: 12, ok: true }, 'en')).toBe('killed process 12 (sleep)')
    expect(describeRemoved({ what: 'process', name: 'sleep', pid: 12, ok: true }, 'ja')).toBe('プロセス 12（sleep）を強制終了しました')
  })
  it("a failure carries the tool's own words; busy is said in the learner's language", () => {
    expect(describeRemoved({ ...veth, ok: false, reason: 'RTNETLINK answers: Operation not permitted' }, 'ja')).toBe(
      'veth veth0_ps_42032 を削除できませんでした: RTNETLINK answers: Operation not permitted',
    )
    expect(describeRemoved({ what: 'cgroup', name: '/sys/fs/cgroup/ps_42032', ok: false, reason: 'busy' }, 'en')).toBe(
      'could not remove cgroup /sys/fs/cgroup/ps_42032: still busy',
    )
    expect(describeRemoved({ what: 'cgroup', name: '/sys/fs/cgroup/ps_42032', ok: false, reason: 'busy' }, 'ja')).toMatch(/まだ使用中です$/)
  })
  it('has a sentence for every kind, done or not', () => {
    const kinds: Removed['what'][] = ['process', 'veth', 'netns', 'cgroup', 'subvolume', 'ledger-entry', 'session-dir', 'image']
    for (const what of kinds)
      for (const ok of [true, false])
        for (const lang of ['ja', 'en'] as const) {
          expect(describeRemoved({ what, name: 'x', pid: 1, ok, reason: 'r' }, lang), `${what} ${ok} ${lang}`).not.toMatch(/lab\.|\{/)
        }
  })
})
