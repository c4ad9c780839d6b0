import { describe, expect, it } from 'vitest'
import { parseCgroupMounts } from '../../src/lab/cgroup-mounts.js'

// Captured from the Debian 12 CI machine (hybrid: v1 controllers mounted one by one + cgroup2 at unified).
const HYBRID = `sysfs /sys sysfs rw,nosuid,nodev,noexec,relatime 0 0
tmpfs /sys/fs/cgroup tmpfs ro,nosuid,nodev,noexec,mode=755 0 0
cgroup2 /sys/fs/cgroup/unified cgroup2 rw,nosuid,nodev,noexec,relatime,nsdelegate 0 0
cgroup /sys/fs/cgroup/systemd cgroup rw,nosuid,nodev,noexec,relatime,xattr,name=systemd 0 0
cgroup /sys/fs/cgroup/cpu cgroup rw,nosuid,nodev,noexec,relatime,cpu 0 0
cgroup /sys/fs/cgroup/cpuacct cgroup rw,nosuid,nodev,noexec,relatime,cpuacct 0 0
cgroup /sys/fs/cgroup/memory cgroup rw,nosuid,nodev,noexec,relatime,memory 0 0
/dev/loop0 /var/bocker btrfs rw,relatime 0 0`
const PURE_V2 = 'cgroup2 /sys/fs/cgroup cgroup2 rw,nosuid,nodev,noexec,relatime,nsdelegate,memory_recursiveprot 0 0'
const SYSTEMD_V1 = 'cgroup /sys/fs/cgroup/cpu,cpuacct cgroup rw,nosuid,nodev,noexec,relatime,cpu,cpuacct 0 0'

describe('parseCgroupMounts', () => {
  it('lists each v1 hierarchy with its controllers and the cgroup2 mount', () => {
    expect(parseCgroupMounts(HYBRID, '/sys/fs/cgroup')).toEqual([
      { path: '/sys/fs/cgroup/unified', version: 2, controllers: [] },
      { path: '/sys/fs/cgroup/systemd', version: 1, controllers: ['name=systemd'] },
      { path: '/sys/fs/cgroup/cpu', version: 1, controllers: ['cpu'] },
      { path: '/sys/fs/cgroup/cpuacct', version: 1, controllers: ['cpuacct'] },
      { path: '/sys/fs/cgroup/memory', version: 1, controllers: ['memory'] },
    ])
  })
  it('handles pure v2 and co-mounted cpu,cpuacct', () => {
    expect(parseCgroupMounts(PURE_V2, '/sys/fs/cgroup')).toEqual([{ path: '/sys/fs/cgroup', version: 2, controllers: [] }])
    expect(parseCgroupMounts(SYSTEMD_V1, '/sys/fs/cgroup')[0]?.controllers).toEqual(['cpu', 'cpuacct'])
  })
  it('ignores cgroup mounts outside the cgroup root (e.g. inside a container)', () => {
    expect(parseCgroupMounts('cgroup2 /var/bocker/ps_42032/sys/fs/cgroup cgroup2 rw 0 0', '/sys/fs/cgroup')).toEqual([])
  })
})
