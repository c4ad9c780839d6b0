import { describe, expect, it } from 'vitest'
import { type Change, diffSnapshots } from '../../src/observe/diff.js'
import type { Subvolume } from '../../src/observe/probes/btrfs.js'
import type { CgroupGroup } from '../../src/observe/probes/cgroups.js'
import type { Snapshot } from '../../src/observe/probes/index.js'
import type { ContainerProcess } from '../../src/observe/probes/procs.js'
import { formatChanges } from '../../src/render/changes.js'
import { emptySnapshot, SEQ_STEPS, seqSnapshot } from '../fixtures/probes/load.js'

// eslint-disable-next-line no-control-regex
const plain = (lines: string[]): string[] => lines.map(l => l.replace(/\x1b\[[0-9;]*m/g, ''))
const lines = (b: Snapshot, a: Snapshot, lang: 'ja' | 'en' = 'en'): string[] => plain(formatChanges(diffSnapshots(b, a), lang))

const disk = (subvolumes: Subvolume[]): Snapshot => ({
  ...emptySnapshot(['btrfs']),
  btrfs: { root: '/var/bocker', mounted: true, listed: true, subvolumes },
})
const cgroups = (groups: CgroupGroup[]): Snapshot => ({
  ...emptySnapshot(['cgroup']),
  cgroup: { mode: 'v1', root: '/sys/fs/cgroup', groups },
})
const memory = (limit: string, procs: number[] = []): CgroupGroup => ({
  controller: 'memory',
  name: 'ps_42032',
  path: '/sys/fs/cgroup/memory/ps_42032',
  values: { 'memory.limit_in_bytes': limit },
  procs,
})
const host = { net: 1, mnt: 2, pid: 3, uts: 4, ipc: 5 }
const procs = (processes: ContainerProcess[]): Snapshot => ({ ...emptySnapshot(['proc']), proc: { hostRef: 'pid1', host, processes } })
const sh: ContainerProcess = {
  pid: 5001,
  ppid: 5000,
  comm: 'sh',
  cmdline: '/bin/sh -c …',
  ns: { net: 11, mnt: 12, pid: 13, uts: 14, ipc: 5 },
  nsPid: [5001, 1],
  netns: 'netns_ps_42032',
  cgroups: ['memory:/ps_42032'],
  uuid: 'ps_42032',
  root: '/var/bocker/ps_42032',
  mounts: [],
}

describe('diffSnapshots: the network steps of bocker_run, from captured ip output', () => {
  const expected: Record<(typeof SEQ_STEPS)[number], string[]> = {
    '00-before': [],
    '01-link-add': ['+ link veth0_ps_42251 (veth, peer veth1_ps_42251, DOWN)', '+ link veth1_ps_42251 (veth, peer veth0_ps_42251, DOWN)'],
    '02-veth0-up': ['~ link veth0_ps_42251 DOWN → UP'],
    '03-master': ['~ link veth0_ps_42251 master: – → bridge0'],
    '04-netns-add': ['+ netns netns_ps_42251', '+ link lo (loopback, DOWN, in netns_ps_42251)'],
    '05-move': ['~ link veth1_ps_42251 moved into netns_ps_42251'],
    '06-lo-up': ['~ link lo DOWN → UP (in netns_ps_42251)', '+ addr 127.0.0.1/8 on lo (in netns_ps_42251)'],
    '07-mac': [expect.stringMatching(/^~ link veth1_ps_42251 MAC: \S+ → 02:42:ac:11:02:51 \(in netns_ps_42251\)$/) as unknown as string],
    '08-addr': ['+ addr 10.0.0.251/24 on veth1_ps_42251 (in netns_ps_42251)'],
    '09-veth1-up': [
      '~ link veth0_ps_42251 carrier: no → yes',
      '~ link veth1_ps_42251 DOWN → UP (in netns_ps_42251)',
      '+ route 10.0.0.0/24 dev veth1_ps_42251 (in netns_ps_42251)',
    ],
    '10-route': ['+ route default via 10.0.0.1 dev veth1_ps_42251 (in netns_ps_42251)'],
    '11-link-del': [
      '- link veth0_ps_42251',
      '- link veth1_ps_42251 (in netns_ps_42251)',
      '- addr 10.0.0.251/24 on veth1_ps_42251 (in netns_ps_42251)',
      '- route default via 10.0.0.1 dev veth1_ps_42251 (in netns_ps_42251)',
      '- route 10.0.0.0/24 dev veth1_ps_42251 (in netns_ps_42251)',
    ],
    '12-netns-del': ['- netns netns_ps_42251', '- link lo (in netns_ps_42251)', '- addr 127.0.0.1/8 on lo (in netns_ps_42251)'],
  }
  // bridge0 takes the lowest MAC of its ports, so its MAC changes as veths come and go: true, but shown separately
  const withoutBridgeMac = (l: string[]): string[] => l.filter(x => !x.startsWith('~ link bridge0 MAC'))

  SEQ_STEPS.forEach((step, i) => {
    if (i === 0) return
    it(step, () => {
      const prev = SEQ_STEPS[i - 1] ?? '00-before'
      expect(withoutBridgeMac(lines(seqSnapshot(prev), seqSnapshot(step)))).toEqual(expected[step])
    })
  })

  it('shows the bridge taking a port MAC as a change of bridge0', () => {
    expect(lines(seqSnapshot('02-veth0-up'), seqSnapshot('03-master')).some(l => l.startsWith('~ link bridge0 MAC:'))).toBe(true)
  })

  it('says it in Japanese too', () => {
    const ja = (from: (typeof SEQ_STEPS)[number], to: (typeof SEQ_STEPS)[number]): string[] =>
      lines(seqSnapshot(from), seqSnapshot(to), 'ja').filter(x => !x.startsWith('~ リンク bridge0 MAC'))
    expect(ja('00-before', '01-link-add')).toEqual([
      '+ リンク veth0_ps_42251 (veth、ペア veth1_ps_42251、DOWN)',
      '+ リンク veth1_ps_42251 (veth、ペア veth0_ps_42251、DOWN)',
    ])
    expect(ja('02-veth0-up', '03-master')).toEqual(['~ リンク veth0_ps_42251 ブリッジ: – → bridge0'])
    expect(ja('03-master', '04-netns-add')).toEqual(['+ netns netns_ps_42251', '+ リンク lo (loopback、DOWN、netns_ps_42251 内)'])
    expect(ja('04-netns-add', '05-move')).toEqual(['~ リンク veth1_ps_42251 netns_ps_42251 へ移動'])
    expect(ja('07-mac', '08-addr')).toEqual(['+ アドレス 10.0.0.251/24 dev veth1_ps_42251 (netns_ps_42251 内)'])
    expect(ja('08-addr', '09-veth1-up')).toEqual([
      '~ リンク veth0_ps_42251 キャリア: なし → あり',
      '~ リンク veth1_ps_42251 DOWN → UP (netns_ps_42251 内)',
      '+ 経路 10.0.0.0/24 dev veth1_ps_42251 (netns_ps_42251 内)',
    ])
    expect(ja('11-link-del', '12-netns-del')).toEqual([
      '- netns netns_ps_42251',
      '- リンク lo (netns_ps_42251 内)',
      '- アドレス 127.0.0.1/8 dev lo (netns_ps_42251 内)',
    ])
  })
})

describe('diffSnapshots: disk, cgroups, processes', () => {
  const img: Subvolume = { name: 'img_42001', id: 256, uuid: 'u1', files: {} }
  const ps: Subvolume = { name: 'ps_42032', id: 257, uuid: 'u2', parentUuid: 'u1', snapshotOf: 'img_42001', files: {} }
  const table: [string, Snapshot, Snapshot, string[]][] = [
    ['subvolume added', disk([img]), disk([img, ps]), ['+ subvolume ps_42032 (snapshot of img_42001)']],
    ['subvolume removed', disk([img, ps]), disk([img]), ['- subvolume ps_42032']],
    [
      'file added',
      disk([ps]),
      disk([{ ...ps, files: { 'etc/resolv.conf': { size: 19, head: 'nameserver 8.8.8.8\n' } } }]),
      ['+ file ps_42032/etc/resolv.conf (19 bytes) “nameserver 8.8.8.8”'],
    ],
    [
      'file grew',
      disk([{ ...ps, files: { 'ps_42032.log': { size: 0, head: '' } } }]),
      disk([{ ...ps, files: { 'ps_42032.log': { size: 6, head: 'hello\n' } } }]),
      ['~ file ps_42032/ps_42032.log 0 bytes → 6 bytes “hello”'],
    ],
    [
      'cgroup added',
      cgroups([]),
      cgroups([memory('9223372036854771712')]),
      ['+ cgroup memory/ps_42032  memory.limit_in_bytes = 9223372036854771712 (unlimited)'],
    ],
    [
      'cgroup limit set',
      cgroups([memory('9223372036854771712')]),
      cgroups([memory('512000000')]),
      ['~ cgroup memory/ps_42032 memory.limit_in_bytes: 9223372036854771712 (unlimited) → 512000000 (488 MiB)'],
    ],
    [
      'cgroup gets a process',
      cgroups([memory('512000000')]),
      cgroups([memory('512000000', [5000, 5001])]),
      ['~ cgroup memory/ps_42032 cgroup.procs: – → 5000 5001'],
    ],
    ['cgroup removed', cgroups([memory('512000000')]), cgroups([]), ['- cgroup memory/ps_42032']],
    ['process started', procs([]), procs([sh]), ['+ process 5001 sh (PID inside 1; new ns: net mnt pid uts; root /var/bocker/ps_42032)']],
    ['process exec’d', procs([sh]), procs([{ ...sh, comm: 'sleep' }]), ['~ process 5001 command: sh → sleep']],
    ['process gone', procs([sh]), procs([]), ['- process 5001']],
  ]
  it.each(table)('%s', (_name, before, after, want) => {
    expect(lines(before, after)).toEqual(want)
  })

  const inJapanese: [string, Snapshot, Snapshot, string[]][] = [
    ['subvolume added', disk([img]), disk([img, ps]), ['+ サブボリューム ps_42032 (img_42001 のスナップショット)']],
    [
      'file grew',
      disk([{ ...ps, files: { 'ps_42032.log': { size: 0, head: '' } } }]),
      disk([{ ...ps, files: { 'ps_42032.log': { size: 6, head: 'hello\n' } } }]),
      ['~ ファイル ps_42032/ps_42032.log 0 バイト → 6 バイト 「hello」'],
    ],
    [
      'cgroup limit set',
      cgroups([memory('9223372036854771712')]),
      cgroups([memory('512000000')]),
      ['~ cgroup memory/ps_42032 memory.limit_in_bytes: 9223372036854771712 (無制限) → 512000000 (488 MiB)'],
    ],
    [
      'process started',
      procs([]),
      procs([sh]),
      ['+ プロセス 5001 sh (中では PID 1、新しい名前空間: net mnt pid uts、ルート /var/bocker/ps_42032)'],
    ],
    ['process exec’d', procs([sh]), procs([{ ...sh, comm: 'sleep' }]), ['~ プロセス 5001 コマンド: sh → sleep']],
    ['process gone', procs([sh]), procs([]), ['- プロセス 5001']],
  ]
  it.each(inJapanese)('%s, in Japanese', (_name, before, after, want) => {
    expect(lines(before, after, 'ja')).toEqual(want)
  })
})

describe('diffSnapshots: quiet when it should be', () => {
  it('nothing changed → no changes, no lines', () => {
    const s = seqSnapshot('10-route')
    expect(diffSnapshots(s, seqSnapshot('10-route'))).toEqual([])
    expect(formatChanges([], 'en')).toEqual([])
  })

  it('a probe read on one side only says nothing', () => {
    const after = { ...seqSnapshot('10-route'), probes: ['net' as const] }
    expect(diffSnapshots({ ...emptySnapshot(['btrfs']) }, after)).toEqual([])
  })

  it('ignores the net probe on a side where `ip` did not answer, instead of reporting every link removed', () => {
    const s = seqSnapshot('10-route')
    const net = s.net
    if (!net) throw new Error('fixture')
    const blind: Snapshot = { ...s, net: { ...net, hostRead: false, links: [], addrs: [], routes: [] } }
    expect(diffSnapshots(s, blind)).toEqual([])
    expect(diffSnapshots(blind, s)).toEqual([])
  })

  it('gives a file change as sizes in bytes, for renderers to word', () => {
    const ps: Subvolume = { name: 'ps_42032', files: { 'ps_42032.log': { size: 0, head: '' } } }
    const [c] = diffSnapshots(disk([ps]), disk([{ ...ps, files: { 'ps_42032.log': { size: 6, head: 'hello\n' } } }]))
    expect(c).toMatchObject({ kind: 'changed', what: 'file', id: 'ps_42032/ps_42032.log', field: 'content', before: '0', after: '6' })
  })

  it('keeps structured fields for other renderers', () => {
    const [c] = diffSnapshots(cgroups([memory('1')]), cgroups([memory('512000000')]))
    expect(c).toEqual<Change>({
      kind: 'changed',
      what: 'cgroup',
      id: 'memory/ps_42032',
      field: 'memory.limit_in_bytes',
      before: '1',
      after: '512000000',
      attrs: { 'memory.limit_in_bytes': '512000000', 'cgroup.procs': '' },
    })
  })
})
