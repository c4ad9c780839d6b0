// bocker's IP and MAC derivations, and which uuids and IPs are taken on this machine right now.
import { existsSync, readdirSync } from 'node:fs'
import { UUID_RE } from './names.js'
import { BTRFS_PATH, CGROUP_ROOT } from './paths.js'

export { UUID_RE }

/** bocker: ip="$(echo "${uuid: -3}" | sed 's/0//g')" — deletes every zero, hence the collisions */
export function bockerIp(uuid: string): string {
  return `10.0.0.${uuid.slice(-3).replace(/0/g, '')}`
}

/** what `ip link` shows for bocker's 02:42:ac:11:00"${uuid: -3:1}:${uuid: -2}" (fields read as hex) */
export function bockerMac(uuid: string): string {
  const fields = `02:42:ac:11:00${uuid.slice(-3, -2)}:${uuid.slice(-2)}`.split(':')
  return fields.map(f => parseInt(f, 16).toString(16).padStart(2, '0')).join(':')
}

/** Anything of this uuid's already on the machine (bocker's or ours) makes it taken. */
export function uuidInUse(uuid: string): string | undefined {
  const paths = [
    `${BTRFS_PATH}/${uuid}`,
    `/run/netns/netns_${uuid}`,
    `/sys/class/net/veth0_${uuid}`,
    `${CGROUP_ROOT}/${uuid}`,
    `${CGROUP_ROOT}/unified/${uuid}`,
    ...['cpu', 'cpuacct', 'memory'].map(c => `${CGROUP_ROOT}/${c}/${uuid}`),
  ]
  return paths.find(p => existsSync(p))
}

/** IPs held by bocker containers whose netns exists right now (bocker's own runs included). */
export function liveContainerIps(): Set<string> {
  const ips = new Set<string>()
  let names: string[] = []
  try {
    names = readdirSync('/run/netns')
  } catch {
    /* no netns yet */
  }
  for (const n of names) {
    const uuid = n.replace(/^netns_/, '')
    if (n.startsWith('netns_') && UUID_RE.test(uuid)) ips.add(bockerIp(uuid))
  }
  return ips
}
