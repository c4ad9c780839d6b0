import { describe, expect, it } from 'vitest'
import { diffSnapshots } from '../../src/observe/diff.js'
import type { Snapshot } from '../../src/observe/probes/index.js'
import { parseCgroupFile, parseMountinfo, parseStatus } from '../../src/observe/probes/procs.js'
import { drawNetwork, formatIsolation, networkChanged } from '../../src/render/picture.js'
import { displayWidth } from '../../src/render/width.js'
import { capturedSleepNs, emptySnapshot, fixture, seqSnapshot } from '../fixtures/probes/load.js'

// random MACs (bridge, host-end veths) change with every capture; bocker's own 02:42:ac:11 ones do not
const normalize = (lines: string[]): string => lines.join('\n').replace(/MAC (?!02:42)\S+/g, 'MAC xx:xx')

describe('drawNetwork (from captured ip output)', () => {
  it('a finished bocker network: host ↔ bridge0 ↔ veth0 ═ veth1 inside its netns', () => {
    expect(normalize(drawNetwork(seqSnapshot('10-route'), 'en'))).toMatchInlineSnapshot(`
      "host  default via 192.0.2.1 dev eth0
        │
      bridge0  10.0.0.1/24  UP
        └── veth0_ps_42251 UP ═══ veth1_ps_42251 UP  inside netns_ps_42251
                                  10.0.0.251/24  MAC 02:42:ac:11:02:51
                                  default via 10.0.0.1 dev veth1_ps_42251"
    `)
  })

  it('halfway: the veth pair exists but its other end is still in the host', () => {
    expect(normalize(drawNetwork(seqSnapshot('03-master'), 'en'))).toMatchInlineSnapshot(`
      "host  default via 192.0.2.1 dev eth0
        │
      bridge0  10.0.0.1/24  UP
        └── veth0_ps_42251 UP ═══ veth1_ps_42251 DOWN (other end still in the host)"
    `)
  })

  it('before bridging, and an empty netns', () => {
    expect(normalize(drawNetwork(seqSnapshot('01-link-add'), 'ja'))).toMatchInlineSnapshot(`
      "ホスト  default via 192.0.2.1 dev eth0
        │
      bridge0  10.0.0.1/24  UP
      ブリッジにつながっていない:
        └── veth0_ps_42251 DOWN ═══ veth1_ps_42251 DOWN (相手側はまだホストにある)"
    `)
    expect(normalize(drawNetwork(seqSnapshot('04-netns-add'), 'ja'))).toMatchInlineSnapshot(`
      "ホスト  default via 192.0.2.1 dev eth0
        │
      bridge0  10.0.0.1/24  UP
        └── veth0_ps_42251 UP ═══ veth1_ps_42251 DOWN (相手側はまだホストにある)
      netns_ps_42251: veth はまだない"
    `)
  })

  it('draws nothing when the net probe did not run', () => {
    expect(drawNetwork(emptySnapshot([]), 'en')).toEqual([])
  })
})

describe('formatIsolation (from captured /proc files)', () => {
  const ns = capturedSleepNs()
  const status = parseStatus(fixture('debian12/proc-sleep-status.txt'))
  const snap: Snapshot = {
    ...emptySnapshot(['proc']),
    proc: {
      hostRef: 'self',
      host: { net: 4026531833, mnt: 4026531832, pid: 4026531836, uts: 4026531838, ipc: 4026531839 },
      processes: [
        {
          pid: status.nsPid[0] ?? 0,
          ...status,
          comm: 'sleep',
          cmdline: 'sleep 3000',
          ns,
          netns: 'netns_ps_42250',
          uuid: 'ps_42250',
          cgroups: parseCgroupFile(fixture('debian12/proc-sleep-cgroup.txt')).sort(),
          root: '/var/bocker/ps_42250',
          mounts: parseMountinfo(fixture('debian12/proc-sleep-mountinfo.txt')),
        },
      ],
    },
  }
  // inode numbers change per run: name them in order of appearance, keeping their width
  const stable = (lines: string[]): string => {
    const seen = new Map<string, string>()
    const label = (m: string): string => {
      if (!seen.has(m)) seen.set(m, `inode-${String(seen.size + 1).padStart(2, '0')}__`)
      return seen.get(m) ?? ''
    }
    return lines
      .join('\n')
      .replace(/PID \d{3,}/g, 'PID <host pid>')
      .replace(/40265\d{5}/g, label)
  }

  it('English', () => {
    expect(stable(formatIsolation(snap, 'en'))).toMatchInlineSnapshot(`
      "container process ps_42250: sleep (PID <host pid> on the host = PID 1 inside)
        namespace  host        container
        net        inode-01__  inode-02__  new (netns_ps_42250)
        mnt        inode-03__  inode-04__  new
        pid        inode-05__  inode-06__  new
        uts        inode-07__  inode-08__  new
        ipc        inode-09__  inode-10__  new
        cgroup     cpu:/ps_42250 cpuacct:/ps_42250 memory:/ps_42250
        root       /var/bocker/ps_42250
        /proc      own proc mounted at /proc
        (host column = bocker-learn's own namespaces: /proc/1/ns is not readable here)"
    `)
  })

  it('Japanese, aligned by display width', () => {
    const lines = formatIsolation(snap, 'ja')
    expect(stable(lines)).toMatchInlineSnapshot(`
      "コンテナのプロセス ps_42250: sleep (ホストでは PID <host pid>、中では PID 1)
        名前空間  ホスト      コンテナ
        net       inode-01__  inode-02__  新しい (netns_ps_42250)
        mnt       inode-03__  inode-04__  新しい
        pid       inode-05__  inode-06__  新しい
        uts       inode-07__  inode-08__  新しい
        ipc       inode-09__  inode-10__  新しい
        cgroup    cpu:/ps_42250 cpuacct:/ps_42250 memory:/ps_42250
        ルート    /var/bocker/ps_42250
        /proc     自分の proc を /proc にマウント
        (ホスト列は bocker-learn 自身の名前空間: ここでは /proc/1/ns が読めない)"
    `)
    const column = (l: string, at: number): number => displayWidth(l.slice(0, at))
    const header = lines[1] ?? ''
    const starts = [column(header, header.indexOf('ホスト')), ...lines.slice(2, 7).map(l => column(l, l.search(/\d/)))]
    expect(new Set(starts).size).toBe(1)
  })

  it('is empty without a container process', () => {
    expect(formatIsolation(emptySnapshot(['proc']), 'en')).toEqual([])
  })
})

describe('networkChanged / displayWidth', () => {
  it('is true only for network changes', () => {
    expect(networkChanged(diffSnapshots(seqSnapshot('04-netns-add'), seqSnapshot('05-move')))).toBe(true)
    expect(networkChanged(diffSnapshots(seqSnapshot('05-move'), seqSnapshot('05-move')))).toBe(false)
  })

  it('counts Japanese as double width', () => {
    expect(displayWidth('ホスト')).toBe(6)
    expect(displayWidth('net')).toBe(3)
  })
})

describe('drawNetwork without root', () => {
  it('says the inside of a netns was not read instead of drawing it empty', () => {
    const s = seqSnapshot('10-route')
    const net = s.net
    if (!net) throw new Error('fixture')
    const blind: Snapshot = {
      ...s,
      net: {
        ...net,
        links: net.links.filter(l => l.netns === ''),
        addrs: net.addrs.filter(a => a.netns === ''),
        routes: net.routes.filter(r => r.netns === ''),
        netns: net.netns.map(n => ({ ...n, readable: false })),
      },
    }
    expect(drawNetwork(blind, 'en').slice(3)).toEqual([
      '  └── veth0_ps_42251 UP ═══ veth1_ps_42251  inside netns_ps_42251',
      '                            (root needed to look inside)',
    ])
  })
})
