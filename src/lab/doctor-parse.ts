// Pure readers for what the doctor sees: unit-tested with captured outputs.

export type Version = [number, number, number]

/** "unshare from util-linux 2.38.1" → [2, 38, 1] */
export function parseUtilLinuxVersion(text: string): Version | undefined {
  const m = /util-linux\s+(\d+)\.(\d+)(?:\.(\d+))?/.exec(text)
  return m ? [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)] : undefined
}

export function versionAtLeast(v: Version, min: Version): boolean {
  for (let i = 0; i < 3; i++) if (v[i] !== min[i]) return (v[i] ?? 0) > (min[i] ?? 0)
  return true
}

/** The filesystem type mounted at `target` (the last mount on it wins), from /proc/<pid>/mounts. */
export function mountedFsType(mountsText: string, target: string): string | undefined {
  let type: string | undefined
  for (const line of mountsText.split('\n')) {
    const [, where, fstype] = line.split(' ')
    if (where === target) type = fstype
  }
  return type
}

export interface BridgeState {
  exists: boolean
  up: boolean
  addresses: string[]
}

/** Reads `ip -j addr show dev bridge0` (empty or an error when the bridge is absent). */
export function parseBridge(json: string): BridgeState {
  let parsed: unknown
  try {
    parsed = JSON.parse(json)
  } catch {
    return { exists: false, up: false, addresses: [] }
  }
  const link = Array.isArray(parsed)
    ? (parsed[0] as { flags?: string[]; addr_info?: { family?: string; local?: string; prefixlen?: number }[] } | undefined)
    : undefined
  if (!link) return { exists: false, up: false, addresses: [] }
  return {
    exists: true,
    up: (link.flags ?? []).includes('UP'),
    addresses: (link.addr_info ?? []).filter(a => a.family === 'inet').map(a => `${a.local}/${a.prefixlen}`),
  }
}

export interface ControllerState {
  cpu: boolean
  memory: boolean
  /** v1 only: bocker's `cgcreate -g cpu,cpuacct,memory` also needs cpuacct */
  cpuacct: boolean
}

/** v1: which controllers have a mounted hierarchy, from /proc/cgroups plus the mounted controller names. */
export function v1Controllers(procCgroups: string, mountedControllers: string[]): ControllerState {
  const enabled = new Set<string>()
  for (const line of procCgroups.split('\n')) {
    const [name, hierarchy, , on] = line.split(/\s+/)
    if (name && !name.startsWith('#') && hierarchy !== '0' && on === '1') enabled.add(name)
  }
  const usable = (c: string): boolean => enabled.has(c) && mountedControllers.includes(c)
  return { cpu: usable('cpu'), memory: usable('memory'), cpuacct: usable('cpuacct') }
}

/** v2: from the root's cgroup.controllers ("cpuset cpu io memory pids"). cpuacct does not exist in v2. */
export function v2Controllers(controllersFile: string): ControllerState {
  const list = controllersFile.trim().split(/\s+/)
  return { cpu: list.includes('cpu'), memory: list.includes('memory'), cpuacct: false }
}
