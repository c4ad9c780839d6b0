import { describe, expect, it } from 'vitest'
import {
  mountedFsType,
  parseBridge,
  parseUtilLinuxVersion,
  v1Controllers,
  v2Controllers,
  versionAtLeast,
} from '../../src/lab/doctor-parse.js'

describe('doctor readers', () => {
  it('reads util-linux versions and compares them', () => {
    expect(parseUtilLinuxVersion('unshare from util-linux 2.38.1')).toEqual([2, 38, 1])
    expect(parseUtilLinuxVersion('unshare from util-linux 2.23')).toEqual([2, 23, 0])
    expect(parseUtilLinuxVersion('')).toBeUndefined()
    expect(versionAtLeast([2, 24, 0], [2, 24, 0])).toBe(true)
    expect(versionAtLeast([2, 23, 2], [2, 24, 0])).toBe(false)
    expect(versionAtLeast([3, 0, 0], [2, 24, 0])).toBe(true)
  })
  it('takes the last mount on /var/bocker', () => {
    const mounts = 'tmpfs /var/bocker tmpfs rw 0 0\n/dev/loop0 /var/bocker btrfs rw 0 0\n'
    expect(mountedFsType(mounts, '/var/bocker')).toBe('btrfs')
    expect(mountedFsType('/dev/vda1 / ext4 rw 0 0', '/var/bocker')).toBeUndefined()
  })
  it('reads bridge0 from ip -j addr', () => {
    const up =
      '[{"ifname":"bridge0","flags":["BROADCAST","MULTICAST","UP","LOWER_UP"],"addr_info":[{"family":"inet","local":"10.0.0.1","prefixlen":24},{"family":"inet6","local":"fe80::1","prefixlen":64}]}]'
    expect(parseBridge(up)).toEqual({ exists: true, up: true, addresses: ['10.0.0.1/24'] })
    expect(parseBridge('[{"ifname":"bridge0","flags":["BROADCAST","MULTICAST"],"addr_info":[]}]')).toEqual({
      exists: true,
      up: false,
      addresses: [],
    })
    expect(parseBridge('')).toEqual({ exists: false, up: false, addresses: [] })
  })
  it('knows which controllers bocker can use', () => {
    const procCgroups =
      '#subsys_name\thierarchy\tnum_cgroups\tenabled\ncpu\t1\t2\t1\ncpuacct\t2\t2\t1\nmemory\t4\t14\t1\nhugetlb\t0\t1\t1\n'
    expect(v1Controllers(procCgroups, ['cpu', 'cpuacct', 'memory'])).toEqual({ cpu: true, memory: true, cpuacct: true })
    expect(v1Controllers(procCgroups.replace('memory\t4\t14\t1', 'memory\t0\t1\t0'), ['cpu', 'cpuacct'])).toEqual({
      cpu: true,
      memory: false,
      cpuacct: true,
    })
    expect(v2Controllers('cpuset cpu io memory hugetlb pids rdma misc\n')).toEqual({ cpu: true, memory: true, cpuacct: false })
    expect(v2Controllers('hugetlb\n')).toEqual({ cpu: false, memory: false, cpuacct: false })
  })
})
