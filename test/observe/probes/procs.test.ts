import { describe, expect, it } from 'vitest'
import {
  type ContainerProcess,
  mainProcess,
  type ProcState,
  parseCgroupFile,
  parseMountinfo,
  parseNsLink,
  parseStatus,
  uuidOfCgroup,
} from '../../../src/observe/probes/procs.js'
import { fixture } from '../../fixtures/probes/load.js'

describe('/proc parsers (captured from a bocker-style container)', () => {
  it('parseNsLink reads the inode of a namespace link', () => {
    const lines = fixture('debian12/proc-sleep-ns.txt').trim().split('\n')
    const inodes = lines.map(l => parseNsLink(l.split(' ')[1] ?? ''))
    expect(inodes.every(i => i > 4026531000)).toBe(true)
    expect(parseNsLink('garbage')).toBe(0)
  })

  it('parseStatus: NSpid of the container command is host PID then PID 1 inside', () => {
    const { ppid, nsPid } = parseStatus(fixture('debian12/proc-sleep-status.txt'))
    expect(nsPid).toHaveLength(2)
    expect(nsPid[1]).toBe(1)
    expect(ppid).toBeGreaterThan(1)
    expect(parseStatus(fixture('debian12/proc-unshare-status.txt')).nsPid).toHaveLength(1)
  })

  it("parseCgroupFile keeps bocker's v1 cgroups", () => {
    expect(parseCgroupFile(fixture('debian12/proc-sleep-cgroup.txt')).sort()).toEqual([
      'cpu:/ps_42250',
      'cpuacct:/ps_42250',
      'memory:/ps_42250',
    ])
    expect(parseCgroupFile('0::/ps_42250\n')).toEqual([':/ps_42250'])
    expect(parseCgroupFile('0::/user.slice\n')).toEqual([])
  })

  it('parseMountinfo: inside the chroot only its own /proc is visible', () => {
    expect(parseMountinfo(fixture('debian12/proc-sleep-mountinfo.txt'))).toEqual([{ target: '/proc', fstype: 'proc', source: 'proc' }])
  })

  it("parseMountinfo: unshare, outside the chroot, sees --mount-proc's /proc and the netns's /sys", () => {
    const mounts = parseMountinfo(fixture('debian12/proc-unshare-mountinfo.txt'))
    expect(mounts).toContainEqual({ target: '/sys', fstype: 'sysfs', source: 'netns_ps_42250' })
    expect(mounts.filter(m => m.target === '/proc').length).toBeGreaterThan(0)
  })
})

describe('mainProcess', () => {
  const host = { net: 1, mnt: 2, pid: 3, uts: 4, ipc: 5 }
  const proc = (pid: number, nsPid: number[], pidNs: number, uuid = 'ps_42250'): ContainerProcess => ({
    pid,
    ppid: 1,
    comm: 'x',
    cmdline: 'x',
    ns: { ...host, pid: pidNs },
    nsPid,
    cgroups: [],
    uuid,
    root: '/',
    mounts: [],
  })
  const state: ProcState = {
    hostRef: 'pid1',
    host,
    processes: [proc(100, [100], 3), proc(103, [103, 3], 9), proc(101, [101, 1], 9), proc(200, [200, 1], 8, 'ps_42251')],
  }

  it('picks PID 1 of a new pid namespace', () => {
    expect(mainProcess(state)?.pid).toBe(101)
    expect(mainProcess(state, 'ps_42251')?.pid).toBe(200)
  })

  it('falls back to a host-pid-namespace process, or nothing', () => {
    expect(mainProcess({ ...state, processes: [proc(100, [100], 3)] })?.pid).toBe(100)
    expect(mainProcess(state, 'ps_49999')).toBeUndefined()
  })
})

describe('uuidOfCgroup', () => {
  it("names the container of bocker's cgroups, v1 and v2, and nothing else", () => {
    expect(uuidOfCgroup('cpu,cpuacct:/ps_42250')).toBe('ps_42250')
    expect(uuidOfCgroup(':/ps_42250')).toBe('ps_42250')
    for (const other of [':/user.slice', 'memory:/ps_1', 'memory:/ps_42250x', 'memory:/', ':/ps_42250/extra'])
      expect(uuidOfCgroup(other), other).toBeUndefined()
  })
})
