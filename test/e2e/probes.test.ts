// As root, on the lab: build every kind of thing bocker_run builds (uuid ps_42253), check that each probe
// sees it and that the diff names it, then remove all of it. Only 10.0.0.x; no traffic is sent.

import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { existsSync, mkdirSync, rmdirSync, statfsSync, writeFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { detectCgroupMode } from '../../src/lab/cgroup-mode.js'
import { diffSnapshots } from '../../src/observe/diff.js'
import { type Snapshot, takeSnapshot } from '../../src/observe/probes/index.js'
import { formatChanges } from '../../src/render/changes.js'
import { drawNetwork, formatIsolation } from '../../src/render/picture.js'
import { formatState } from '../../src/render/state.js'

const U = 'ps_42253'
const IMG = 'img_42252'
const VETH0 = `veth0_${U}`
const VETH1 = `veth1_${U}`
const NETNS = `netns_${U}`
const BOCKER = '/var/bocker'
const CG = '/sys/fs/cgroup'
const ALL = ['net', 'btrfs', 'cgroup', 'proc'] as const

const isRoot = process.getuid?.() === 0
const labReady = ((): boolean => {
  try {
    return statfsSync(BOCKER).type === 0x9123683e && existsSync(`${BOCKER}/img_42001/bin/busybox`) && existsSync('/sys/class/net/bridge0')
  } catch {
    return false
  }
})()
const mode = detectCgroupMode()
const cgroupDirs = mode === 'v1' ? ['cpu', 'cpuacct', 'memory'].map(c => `${CG}/${c}/${U}`) : [`${CG}/${U}`]

const sh = (script: string): string => execFileSync('sh', ['-c', script], { encoding: 'utf8' })
const quiet = (script: string): void => {
  try {
    sh(`${script} 2>/dev/null`)
  } catch {
    /* already gone */
  }
}
// eslint-disable-next-line no-control-regex
const plain = (b: Snapshot, a: Snapshot): string[] => formatChanges(diffSnapshots(b, a), 'en').map(l => l.replace(/\x1b\[[0-9;]*m/g, ''))
const snap = (): Promise<Snapshot> => takeSnapshot([...ALL])

function cleanUp(child?: ChildProcess): void {
  if (child?.pid) quiet(`kill -KILL -- -${child.pid}`)
  quiet(`ip netns pids ${NETNS} | xargs -r kill -KILL`)
  for (const d of cgroupDirs) quiet(`[ -d ${d} ] && xargs -r kill -KILL < ${d}/cgroup.procs`)
  quiet(`ip link del dev ${VETH0}`)
  quiet(`ip netns del ${NETNS}`)
  for (const d of cgroupDirs) {
    for (let i = 0; i < 50 && existsSync(d); i++) {
      try {
        rmdirSync(d)
      } catch {
        execFileSync('sleep', ['0.05'])
      }
    }
  }
  quiet(`btrfs subvolume delete ${BOCKER}/${U}`)
  quiet(`btrfs subvolume delete ${BOCKER}/${IMG}`)
}

describe.skipIf(!isRoot || !labReady)('probes on real state (root, lab)', () => {
  const s: Snapshot[] = []
  let child: ChildProcess | undefined

  beforeAll(async () => {
    cleanUp() // a previous run killed halfway
    s.push(await snap()) // 0: before
    sh(`ip link add dev ${VETH0} type veth peer name ${VETH1}`)
    s.push(await snap()) // 1: veth pair
    sh(`ip link set dev ${VETH0} up && ip link set ${VETH0} master bridge0 && ip netns add ${NETNS} && ip link set ${VETH1} netns ${NETNS}`)
    s.push(await snap()) // 2: bridged, moved
    sh(`ip netns exec ${NETNS} sh -c 'ip link set dev lo up && ip link set ${VETH1} address 02:42:ac:11:02:53 &&
        ip addr add 10.0.0.253/24 dev ${VETH1} && ip link set dev ${VETH1} up && ip route add default via 10.0.0.1'`)
    s.push(await snap()) // 3: configured
    sh(`btrfs subvolume create ${BOCKER}/${IMG} >/dev/null && cp -a ${BOCKER}/img_42001/. ${BOCKER}/${IMG}/ &&
        btrfs subvolume snapshot ${BOCKER}/${IMG} ${BOCKER}/${U} >/dev/null &&
        echo 'nameserver 8.8.8.8' > ${BOCKER}/${U}/etc/resolv.conf && echo 'sleep 30' > ${BOCKER}/${U}/${U}.cmd`)
    s.push(await snap()) // 4: subvolumes
    for (const d of cgroupDirs) mkdirSync(d)
    s.push(await snap()) // 5: cgroups at defaults
    if (mode === 'v1') {
      writeFileSync(`${CG}/cpu/${U}/cpu.shares`, '512')
      writeFileSync(`${CG}/memory/${U}/memory.limit_in_bytes`, '512000000')
    } else {
      writeFileSync(`${CG}/${U}/cpu.weight`, '50')
      writeFileSync(`${CG}/${U}/memory.max`, '512000000')
    }
    s.push(await snap()) // 6: limits
    const join = cgroupDirs.map(d => `echo $$ > ${d}/cgroup.procs`).join('; ')
    child = spawn(
      'sh',
      [
        '-c',
        `${join}; exec ip netns exec ${NETNS} unshare -fmuip --mount-proc chroot ${BOCKER}/${U} /bin/sh -c "/bin/mount -t proc proc /proc && sleep 30"`,
      ],
      {
        detached: true,
        stdio: 'ignore',
      },
    )
    for (let i = 0; i < 100; i++) {
      const now = await snap()
      // settled: PID 1 is `sleep` (the sh before it execs is seen for a moment)
      if (now.proc?.processes.some(p => p.uuid === U && p.nsPid.at(-1) === 1 && p.root.endsWith(U) && p.comm === 'sleep')) {
        s.push(now) // 7: running
        break
      }
      await new Promise(r => setTimeout(r, 20))
    }
  }, 30_000)

  afterAll(() => cleanUp(child))

  it('net: sees the veth pair, the bridge port, the netns and what is configured inside it', () => {
    const net = s[3]?.net
    expect(net?.links.find(l => l.name === VETH0)).toMatchObject({ kind: 'veth', state: 'UP', master: 'bridge0', peer: VETH1, netns: '' })
    expect(net?.links.find(l => l.name === VETH1)).toMatchObject({
      kind: 'veth',
      state: 'UP',
      mac: '02:42:ac:11:02:53',
      peer: VETH0,
      netns: NETNS,
    })
    expect(net?.netns.find(n => n.name === NETNS)).toMatchObject({ readable: true })
    expect(net?.addrs).toContainEqual({ dev: VETH1, cidr: '10.0.0.253/24', netns: NETNS })
    expect(net?.routes).toContainEqual({ dst: 'default', gateway: '10.0.0.1', dev: VETH1, netns: NETNS })
  })

  it('diff names each network step', () => {
    expect(plain(s[0]!, s[1]!)).toEqual(
      expect.arrayContaining([`+ link ${VETH0} (veth, peer ${VETH1}, DOWN)`, `+ link ${VETH1} (veth, peer ${VETH0}, DOWN)`]),
    )
    expect(plain(s[1]!, s[2]!)).toEqual(
      expect.arrayContaining([
        `~ link ${VETH0} DOWN → UP`,
        `~ link ${VETH0} master: – → bridge0`,
        `+ netns ${NETNS}`,
        `~ link ${VETH1} moved into ${NETNS}`,
      ]),
    )
    expect(plain(s[2]!, s[3]!)).toEqual(
      expect.arrayContaining([
        `+ addr 10.0.0.253/24 on ${VETH1} (in ${NETNS})`,
        `+ route default via 10.0.0.1 dev ${VETH1} (in ${NETNS})`,
        expect.stringMatching(new RegExp(`^~ link ${VETH1} MAC: \\S+ → 02:42:ac:11:02:53 \\(in ${NETNS}\\)$`)),
      ]),
    )
  })

  it('btrfs: sees the subvolume, the snapshot and its source, and the files; the diff names them', () => {
    const ps = s[4]?.btrfs?.subvolumes.find(v => v.name === U)
    expect(ps).toMatchObject({ snapshotOf: IMG, files: { 'etc/resolv.conf': { size: 19, head: 'nameserver 8.8.8.8\n' } } })
    expect(plain(s[3]!, s[4]!)).toEqual(
      expect.arrayContaining([
        `+ subvolume ${IMG}`,
        `+ subvolume ${U} (snapshot of ${IMG})`,
        `+ file ${U}/etc/resolv.conf (19 bytes) “nameserver 8.8.8.8”`,
        `+ file ${U}/${U}.cmd (9 bytes) “sleep 30”`,
      ]),
    )
  })

  it('cgroup: sees the groups and their limits; the diff names creation and each limit', () => {
    const groups = s[6]?.cgroup?.groups.filter(g => g.name === U) ?? []
    expect(groups).toHaveLength(cgroupDirs.length)
    const created = plain(s[4]!, s[5]!)
    const limited = plain(s[5]!, s[6]!)
    if (mode === 'v1') {
      expect(created).toEqual(expect.arrayContaining([`+ cgroup cpu/${U}  cpu.shares = 1024`, `+ cgroup cpuacct/${U}`]))
      expect(limited).toEqual(
        expect.arrayContaining([
          `~ cgroup cpu/${U} cpu.shares: 1024 → 512`,
          `~ cgroup memory/${U} memory.limit_in_bytes: 9223372036854771712 (unlimited) → 512000000 (488 MiB)`,
        ]),
      )
    } else {
      expect(limited).toEqual(expect.arrayContaining([`~ cgroup ${U} cpu.weight: 100 → 50`]))
    }
  })

  it('proc: sees the container process, its namespaces, PID 1 inside, its cgroup, root and own /proc', () => {
    const after = s[7]
    const p = after?.proc?.processes.find(x => x.uuid === U && x.nsPid.at(-1) === 1)
    expect(p).toBeDefined()
    if (!p || !after?.proc) return
    for (const k of ['net', 'mnt', 'pid', 'uts', 'ipc'] as const) expect(p.ns[k]).not.toBe(after.proc.host[k])
    expect(p.netns).toBe(NETNS)
    expect(p.root).toBe(`${BOCKER}/${U}`)
    expect(p.cgroups.some(c => c.endsWith(`/${U}`))).toBe(true)
    expect(p.mounts).toContainEqual({ target: '/proc', fstype: 'proc', source: 'proc' })
    expect(after.cgroup?.groups.find(g => g.name === U)?.procs).toContain(p.pid)
    const lines = plain(s[6]!, after)
    expect(
      lines.some(l =>
        new RegExp(`^\\+ process ${p.pid} \\S+ \\(PID inside 1; new ns: net mnt pid uts ipc; root ${BOCKER}/${U}\\)$`).test(l),
      ),
    ).toBe(true)
    expect(
      lines.some(l => l.startsWith(`~ cgroup memory/${U} cgroup.procs: – → `) || l.startsWith(`~ cgroup ${U} cgroup.procs: – → `)),
    ).toBe(true)
  })

  it('picture from real probe output (MACs, inodes, PIDs normalized)', () => {
    const after = s[7]
    if (!after?.net) throw new Error('no snapshot of the running container')
    const mine = (n: string): boolean => !/ps_\d+/.test(n) || n.includes(U)
    const only: Snapshot = {
      ...after,
      focus: { uuid: U },
      net: {
        ...after.net,
        links: after.net.links.filter(l => mine(l.name) && mine(l.netns)),
        netns: after.net.netns.filter(n => mine(n.name)),
        routes: after.net.routes.filter(r => mine(r.dev)),
      },
    }
    const net = drawNetwork(only, 'en')
      .join('\n')
      .replace(/default via \S+ dev \S+\n/, 'default via <host gateway>\n')
    expect(net).toMatchInlineSnapshot(`
      "host  default via <host gateway>
        │
      bridge0  10.0.0.1/24  UP
        └── veth0_ps_42253 UP ═══ veth1_ps_42253 UP  inside netns_ps_42253
                                  10.0.0.253/24  MAC 02:42:ac:11:02:53
                                  default via 10.0.0.1 dev veth1_ps_42253"
    `)
    const seen = new Map<string, string>()
    const iso = formatIsolation(only, 'en')
      .join('\n')
      .replace(/PID \d+ on/, 'PID <pid> on')
      .replace(/\d{10}/g, m => {
        if (!seen.has(m)) seen.set(m, `inode-${String(seen.size + 1).padStart(2, '0')}__`)
        return seen.get(m) ?? ''
      })
      .replace(/\n {2}\(host column.*$/, '')
    expect(iso).toMatchInlineSnapshot(`
      "container process ps_42253: sleep (PID <pid> on the host = PID 1 inside)
        namespace  host        container
        net        inode-01__  inode-02__  new (netns_ps_42253)
        mnt        inode-03__  inode-04__  new
        pid        inode-05__  inode-06__  new
        uts        inode-07__  inode-08__  new
        ipc        inode-09__  inode-10__  new
        cgroup     cpu:/ps_42253 cpuacct:/ps_42253 memory:/ps_42253
        root       /var/bocker/ps_42253
        /proc      own proc mounted at /proc"
    `)
  })

  it('state prints the picture and the things', () => {
    const text = formatState(s[7]!, 'en').join('\n')
    expect(text).toContain(`subvolume ${U} (snapshot of ${IMG})`)
    expect(text).toContain(`${VETH0} UP ═══ ${VETH1} UP  inside ${NETNS}`)
  })
})
