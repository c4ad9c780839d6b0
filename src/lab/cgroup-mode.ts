import { statfsSync } from 'node:fs'
import { CGROUP_ROOT } from './paths.js'

export type CgroupMode = 'v1' | 'v2'
const CGROUP2_SUPER_MAGIC = 0x63677270

// The same test runc and containerd use: a pure v2 host mounts cgroup2 at the root itself.
export function detectCgroupMode(root = CGROUP_ROOT): CgroupMode {
  return statfsSync(root).type === CGROUP2_SUPER_MAGIC ? 'v2' : 'v1'
}
