import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { afterAll, describe, expect, it } from 'vitest'
import { MACHINE } from '../../../src/lab/paths.js'
import { takeSnapshot } from '../../../src/observe/probes/index.js'
import { FIXTURES, fixture, netnsDir } from '../../fixtures/probes/load.js'
import { fakeHost } from '../../support/fake-host.js'

const hostBatch = 'ip -j -d -batch -'
const insideBatch = 'ip -n netns_ps_42250 -j -d -batch -'
// a machine with ps_42250 running, but no btrfs where bocker keeps its subvolumes
const places = {
  ...MACHINE,
  netnsDir: netnsDir(['netns_ps_42250']),
  btrfs: mkdtempSync(`${tmpdir()}/bl-fixture-btrfs-`),
  cgroupRoot: `${FIXTURES}/cgroup-v1`,
}
const ipAnswers = (): ReturnType<typeof fakeHost> =>
  fakeHost([
    [hostBatch, { stdout: fixture('debian12/host-ip-batch.jsonl') }],
    [insideBatch, { stdout: fixture('debian12/netns-ps_42250-ip-batch.jsonl') }],
  ])

describe('takeSnapshot (host commands from a table)', () => {
  afterAll(() => {
    for (const dir of [places.netnsDir, places.btrfs]) rmSync(dir, { recursive: true, force: true })
  })

  it('as root: runs ip on the host and in the netns, reads the cgroups, and says btrfs is not there', async () => {
    const host = ipAnswers()
    const s = await takeSnapshot(['net', 'btrfs', 'cgroup'], undefined, { host, root: true, places })
    expect(host.calls.sort()).toEqual([hostBatch, insideBatch])
    expect(s.probes).toEqual(['net', 'btrfs', 'cgroup'])
    expect(s.net?.links).toHaveLength(4)
    expect(s.cgroup?.groups.map(g => `${g.controller}/${g.name}`)).toEqual(['cpu/ps_42250', 'cpuacct/ps_42250', 'memory/ps_42250'])
    expect(s.blind).toEqual(['btrfs-not-mounted'])
  })

  it('not root: says what it could not look at', async () => {
    const host = ipAnswers()
    const s = await takeSnapshot(['net', 'proc'], undefined, { host, root: false, places })
    expect(host.calls).toEqual([hostBatch])
    expect(s.blind).toEqual(['netns-inside-needs-root', 'processes-need-root'])
    expect(s.cgroup).toBeUndefined() // read for the proc probe's pids, not shown
  })

  it('ip missing: says so rather than drawing an empty network', async () => {
    const s = await takeSnapshot(['net'], undefined, { host: fakeHost([]), root: true, places })
    expect(s.net?.hostRead).toBe(false)
    expect(s.blind).toEqual(['ip-failed'])
  })

  it('reads only what was asked for, and keeps the focus', async () => {
    const host = ipAnswers()
    const s = await takeSnapshot(['cgroup'], { uuid: 'ps_42250' }, { host, root: true, places })
    expect(host.calls).toEqual([])
    expect(Object.keys(s).sort()).toEqual(['blind', 'cgroup', 'focus', 'probes', 'takenAt'])
    expect(s.focus).toEqual({ uuid: 'ps_42250' })
  })
})
