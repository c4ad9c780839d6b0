import { describe, expect, it } from 'vitest'
import { readCgroups } from '../../src/observe/probes/cgroups.js'
import type { Snapshot } from '../../src/observe/probes/index.js'
import { parseCgroupFile, parseMountinfo, parseStatus } from '../../src/observe/probes/procs.js'
import { formatState } from '../../src/render/state.js'
import { capturedSleepNs, FIXTURES, fixture, seqSnapshot } from '../fixtures/probes/load.js'

// a running container ps_42250 as the probes saw it on the capture machine (v1 cgroups, its sleep process)
async function runningContainer(): Promise<Snapshot> {
  const ns = capturedSleepNs()
  const status = parseStatus(fixture('debian12/proc-sleep-status.txt'))
  const net = seqSnapshot('10-route', 'ps_42251').net
  return {
    takenAt: 0,
    probes: ['net', 'btrfs', 'cgroup', 'proc'],
    ...(net ? { net } : {}),
    btrfs: {
      root: '/var/bocker',
      mounted: true,
      listed: true,
      subvolumes: [
        { name: 'img_42001', id: 256, uuid: 'u1', files: { 'img.source': { size: 24, head: 'busybox 1.36 (static)\n' } } },
        {
          name: 'ps_42251',
          id: 260,
          uuid: 'u2',
          parentUuid: 'u1',
          snapshotOf: 'img_42001',
          files: {
            'etc/resolv.conf': { size: 19, head: 'nameserver 8.8.8.8\n' },
            'ps_42251.cmd': { size: 10, head: 'sleep 300\n' },
          },
        },
      ],
    },
    cgroup: await readCgroups(`${FIXTURES}/cgroup-v1`, 'v1'),
    proc: {
      hostRef: 'pid1',
      host: { net: 4026531833, mnt: 4026531832, pid: 4026531836, uts: 4026531838, ipc: 4026531839 },
      processes: [
        {
          pid: 10560,
          ...status,
          comm: 'sleep',
          cmdline: 'sleep 300',
          ns,
          netns: 'netns_ps_42250',
          uuid: 'ps_42250',
          cgroups: parseCgroupFile(fixture('debian12/proc-sleep-cgroup.txt')),
          root: '/var/bocker/ps_42250',
          mounts: parseMountinfo(fixture('debian12/proc-sleep-mountinfo.txt')),
        },
      ],
    },
    // every blind spot at once, so that each sentence is seen here
    blind: [
      'ip-failed',
      'netns-inside-needs-root',
      'subvolume-ids-need-root',
      'btrfs-list-failed',
      'processes-need-root',
      'btrfs-not-mounted',
    ],
  }
}

// random MACs change with every capture, and so do namespace inodes and the host PID
const stable = (lines: string[]): string =>
  lines
    .join('\n')
    .replace(/MAC (?!02:42)\S+/g, 'MAC xx:xx')
    .replace(/40265\d{5}/g, '4026xxxxxx')
    .replace(/PID \d{3,}/g, 'PID <pid>')

/** ASCII words left in a Japanese text once commands in backticks and names with digits, _ . / or - are taken out */
const englishIn = (text: string): string[] =>
  [
    ...new Set(
      text
        .replace(/`[^`]*`/g, ' ')
        .split(/[^\w./:-]+/)
        .filter(w => /^[A-Za-z]{2,}$/.test(w)),
    ),
  ].sort()

describe('formatState', () => {
  it('English', async () => {
    expect(stable(formatState(await runningContainer(), 'en'))).toMatchInlineSnapshot(`
      "Network
        host  default via 192.0.2.1 dev eth0
          │
        bridge0  10.0.0.1/24  UP
          └── veth0_ps_42251 UP ═══ veth1_ps_42251 UP  inside netns_ps_42251
                                    10.0.0.251/24  MAC 02:42:ac:11:02:51
                                    default via 10.0.0.1 dev veth1_ps_42251

      Disk (/var/bocker)
        subvolume img_42001
        file img_42001/img.source (24 bytes) “busybox 1.36 (static)”
        subvolume ps_42251 (snapshot of img_42001)
        file ps_42251/etc/resolv.conf (19 bytes) “nameserver 8.8.8.8”
        file ps_42251/ps_42251.cmd (10 bytes) “sleep 300”

      cgroups (v1)
        cgroup cpu/ps_42250  cpu.shares = 512, cgroup.procs = 10558 10560
        cgroup cpuacct/ps_42250  cgroup.procs = 10558 10560
        cgroup memory/ps_42250  memory.limit_in_bytes = 512000000 (488 MiB), cgroup.procs = 10558 10560

      Container processes
        container process ps_42250: sleep (PID <pid> on the host = PID 1 inside)
          namespace  host        container
          net        4026xxxxxx  4026xxxxxx  new (netns_ps_42250)
          mnt        4026xxxxxx  4026xxxxxx  new
          pid        4026xxxxxx  4026xxxxxx  new
          uts        4026xxxxxx  4026xxxxxx  new
          ipc        4026xxxxxx  4026xxxxxx  new
          cgroup     cpu:/ps_42250 cpuacct:/ps_42250 memory:/ps_42250
          root       /var/bocker/ps_42250
          /proc      own proc mounted at /proc
        process 10560 sleep (PID inside 1; new ns: net mnt pid uts ipc; root /var/bocker/ps_42250)

      Not shown:
        - links, addresses and routes: \`ip\` did not answer (is iproute2 installed?)
        - links and addresses inside netns_ps_* (needs root: \`ip -n\` enters the namespace)
        - subvolume ids and snapshot sources (needs root: \`btrfs subvolume list\`)
        - subvolume ids and snapshot sources: \`btrfs subvolume list\` failed (is btrfs-progs installed?)
        - other users' processes and their namespaces (needs root)
        - subvolumes: /var/bocker is not a mounted btrfs (\`sudo bocker-learn setup\` prepares it)"
    `)
  })

  it('Japanese', async () => {
    expect(stable(formatState(await runningContainer(), 'ja'))).toMatchInlineSnapshot(`
      "ネットワーク
        ホスト  default via 192.0.2.1 dev eth0
          │
        bridge0  10.0.0.1/24  UP
          └── veth0_ps_42251 UP ═══ veth1_ps_42251 UP  netns_ps_42251 の中
                                    10.0.0.251/24  MAC 02:42:ac:11:02:51
                                    default via 10.0.0.1 dev veth1_ps_42251

      ディスク (/var/bocker)
        サブボリューム img_42001
        ファイル img_42001/img.source (24 バイト) 「busybox 1.36 (static)」
        サブボリューム ps_42251 (img_42001 のスナップショット)
        ファイル ps_42251/etc/resolv.conf (19 バイト) 「nameserver 8.8.8.8」
        ファイル ps_42251/ps_42251.cmd (10 バイト) 「sleep 300」

      cgroup (モード v1)
        cgroup cpu/ps_42250  cpu.shares = 512、cgroup.procs = 10558 10560
        cgroup cpuacct/ps_42250  cgroup.procs = 10558 10560
        cgroup memory/ps_42250  memory.limit_in_bytes = 512000000 (488 MiB)、cgroup.procs = 10558 10560

      コンテナのプロセス
        コンテナのプロセス ps_42250: sleep (ホストでは PID <pid>、中では PID 1)
          名前空間  ホスト      コンテナ
          net       4026xxxxxx  4026xxxxxx  新しい (netns_ps_42250)
          mnt       4026xxxxxx  4026xxxxxx  新しい
          pid       4026xxxxxx  4026xxxxxx  新しい
          uts       4026xxxxxx  4026xxxxxx  新しい
          ipc       4026xxxxxx  4026xxxxxx  新しい
          cgroup    cpu:/ps_42250 cpuacct:/ps_42250 memory:/ps_42250
          ルート    /var/bocker/ps_42250
          /proc     自分の proc を /proc にマウント
        プロセス 10560 sleep (中では PID 1、新しい名前空間: net mnt pid uts ipc、ルート /var/bocker/ps_42250)

      表示できないもの:
        - リンク・アドレス・経路: ip コマンドが答えなかった (iproute2 は入っている？)
        - netns_ps_* の中のリンクとアドレス (root が必要: \`ip -n\` で名前空間に入るため)
        - サブボリュームの ID とスナップショット元 (root が必要: \`btrfs subvolume list\`)
        - サブボリュームの ID とスナップショット元: \`btrfs subvolume list\` が失敗した (btrfs-progs は入っている？)
        - 他のユーザーのプロセスとその名前空間 (root が必要)
        - サブボリューム: /var/bocker が btrfs としてマウントされていない (\`sudo bocker-learn setup\` で準備できる)"
    `)
  })

  it("Japanese has no English words but names: of things, of the root user, what `ip` prints, and the container's own data", async () => {
    const names = ['ID', 'MAC', 'MiB', 'PID', 'UP', 'btrfs', 'cgroup', 'ip', 'ipc', 'mnt', 'net', 'pid', 'proc', 'root', 'uts']
    const ipRoute = ['default', 'dev', 'via']
    const data = ['busybox', 'nameserver', 'sleep', 'static']
    expect(englishIn(formatState(await runningContainer(), 'ja').join('\n'))).toEqual([...names, ...ipRoute, ...data].sort())
  })
})

describe('formatState when `ip` did not answer', () => {
  it('draws no network and says why', async () => {
    const s = await runningContainer()
    const net = s.net
    if (!net) throw new Error('fixture')
    const lines = formatState({ ...s, net: { ...net, hostRead: false, links: [], addrs: [], routes: [] }, blind: ['ip-failed'] }, 'ja')
    expect(lines.slice(0, 3)).toEqual(['ネットワーク', '  (なし)', ''])
    expect(lines.at(-1)).toBe('  - リンク・アドレス・経路: ip コマンドが答えなかった (iproute2 は入っている？)')
  })
})
