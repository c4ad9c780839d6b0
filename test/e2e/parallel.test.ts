// A room of learners on one machine: ten `run --yes` at once never share a uuid or a derived IP
// (bocker's `sed 's/0//g'` maps ps_42002, ps_42020 and ps_42200 all to 10.0.0.2), all succeed and
// all clean up; and neither runs nor `reset` touch look-alike names that are not bocker's.
import { spawnSync } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cli, fingerprint, Live, labReady, leaks, scrub, settle, thingsOf } from './support/helpers.js'

const mine: string[] = []
const report: string[] = []
const sh = (script: string): number | null => spawnSync('bash', ['-c', script], { stdio: 'ignore' }).status

const DECOYS = {
  make: `ip netns add netns_ps_foo; ip link add dev veth0_ps_4203 type veth peer name bl_decoy_peer
    btrfs -q subvolume create /var/bocker/ps_42032x; btrfs -q subvolume create /var/bocker/myps_42032
    mkdir -p /sys/fs/cgroup/cpu/ps_decoy /sys/fs/cgroup/memory/ps_decoy`,
  check: `ip netns list | grep -qx 'netns_ps_foo' && [ -e /sys/class/net/veth0_ps_4203 ] &&
    [ -d /var/bocker/ps_42032x ] && [ -d /var/bocker/myps_42032 ] && [ -d /sys/fs/cgroup/cpu/ps_decoy ] && [ -d /sys/fs/cgroup/memory/ps_decoy ]`,
  remove: `ip netns del netns_ps_foo; ip link del dev veth0_ps_4203; btrfs -q subvolume delete /var/bocker/ps_42032x
    btrfs -q subvolume delete /var/bocker/myps_42032; rmdir /sys/fs/cgroup/cpu/ps_decoy /sys/fs/cgroup/memory/ps_decoy`,
}

describe.skipIf(!labReady)('many runs on one machine', () => {
  beforeAll(() => {
    sh(`{ ${DECOYS.remove}; } 2>/dev/null`)
    expect(sh(DECOYS.make)).toBe(0)
  })
  afterAll(async () => {
    sh(`{ ${DECOYS.remove}; } 2>/dev/null`)
    await scrub(mine.filter(u => thingsOf(u).length > 0))
    if (report.length > 0) console.info(report.join('\n'))
  })

  it('ten --yes runs at once: distinct uuids and IPs, all exit 0, all clean up; decoys survive', async () => {
    const before = fingerprint()
    const runs = Array.from(
      { length: 10 },
      () => new Live(['run', 'bocker_run', '--yes', '--lang', 'en', 'img_42001', 'sleep 2; hostname']),
    )
    const ends = await Promise.all(runs.map(async r => await r.exited))
    const claimed = runs.map(r => r.claimed)
    for (const c of claimed) if (c) mine.push(c.uuid)
    // a failed claim is named (the tail alone shows only the teardown)
    const failed = (r: Live): string =>
      r.out
        .split('\n')
        .filter(l => /✗|FAILED/.test(l))
        .join('\n')
    ends.forEach((e, i) => expect(e.code, `${failed(runs[i]!)}\n${runs[i]!.tail()}`).toBe(0))
    const uuids = claimed.map(c => c!.uuid)
    const ips = claimed.map(c => c!.ip)
    const retries = runs.reduce((n, r) => n + (r.out.match(/is taken/g)?.length ?? 0), 0)
    report.push(
      `10 parallel runs: ${new Set(uuids).size} distinct uuids, ${new Set(ips).size} distinct IPs, ${retries} re-picks (${uuids.join(' ')})`,
    )
    expect(new Set(uuids).size).toBe(10)
    expect(new Set(ips).size).toBe(10)
    expect(await settle(() => leaks(before))).toEqual([])
    expect(sh(DECOYS.check), 'decoys survive the runs').toBe(0)
  }, 120_000)

  it('three runs pinned to uuids that share 10.0.0.2 at once: one runs, the others refuse clearly', async () => {
    const before = fingerprint()
    const runs = ['ps_42002', 'ps_42020', 'ps_42200'].map(
      u => new Live(['run', 'bocker_run', '--uuid', u, '--yes', '--lang', 'en', 'img_42001', 'sleep 3; echo hi']),
    )
    const ends = await Promise.all(runs.map(async r => await r.exited))
    mine.push('ps_42002', 'ps_42020', 'ps_42200')
    const ok = ends.filter(e => e.code === 0).length
    report.push(
      `3 pinned runs sharing 10.0.0.2: ${ok} ran, ${3 - ok} refused (${runs
        .map(r => r.err.trim().split('\n')[0])
        .filter(Boolean)
        .join(' | ')})`,
    )
    expect(ok, runs.map(r => r.tail(5)).join('\n====\n')).toBe(1)
    for (const [i, r] of runs.entries()) if (ends[i]!.code !== 0) expect(r.err).toMatch(/cannot be used: .*(10\.0\.0\.2|another run)/)
    expect(await settle(() => leaks(before))).toEqual([])
  }, 60_000)

  it('`reset` leaves the decoys alone', () => {
    const r = cli(['reset'])
    expect(r.code, r.err).toBe(0)
    expect(r.out).not.toMatch(/ps_foo|ps_4203\b|ps_42032x|myps_42032|ps_decoy/)
    expect(sh(DECOYS.check)).toBe(0)
  })
})
