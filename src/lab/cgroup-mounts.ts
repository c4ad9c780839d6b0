import { readFile } from 'node:fs/promises'
import { CGROUP_ROOT } from './paths.js'

export interface CgroupMount {
  path: string
  version: 1 | 2
  /** v1: the controllers bound to this hierarchy (e.g. ['cpu'] or ['cpu', 'cpuacct']); v2: [] */
  controllers: string[]
}

const GENERIC_OPTIONS = new Set([
  'rw',
  'ro',
  'nosuid',
  'nodev',
  'noexec',
  'relatime',
  'noatime',
  'nsdelegate',
  'memory_recursiveprot',
  'memory_localevents',
  'favordynmods',
  'clone_children',
  'noprefix',
  'xattr',
])

// /proc/mounts escapes space, tab, newline and backslash as octal.
const unescapeMountPath = (p: string): string => p.replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8)))

/** Every cgroup hierarchy mounted under `root`, from the text of /proc/<pid>/mounts. */
export function parseCgroupMounts(mountsText: string, root = CGROUP_ROOT): CgroupMount[] {
  const mounts: CgroupMount[] = []
  for (const line of mountsText.split('\n')) {
    const [, where, type, options = ''] = line.split(' ')
    if (!where || (type !== 'cgroup' && type !== 'cgroup2')) continue
    const path = unescapeMountPath(where)
    if (path !== root && !path.startsWith(`${root}/`)) continue
    const controllers = type === 'cgroup' ? options.split(',').filter(o => !GENERIC_OPTIONS.has(o) && !o.startsWith('release_agent=')) : []
    mounts.push({ path, version: type === 'cgroup' ? 1 : 2, controllers })
  }
  return mounts
}

export async function cgroupMounts(procDir = '/proc/self', root = CGROUP_ROOT): Promise<CgroupMount[]> {
  const text = await readFile(`${procDir}/mounts`, 'utf8').catch(() => '')
  return parseCgroupMounts(text, root)
}
