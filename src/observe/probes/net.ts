// Links, IPv4 addresses and routes of the host and of every netns_ps_*: one `ip -batch` per namespace.
import { readdir, stat } from 'node:fs/promises'
import type { Host } from '../../core/host.js'
import { hostVeth, peerVeth, uuidOfNetns, uuidOfVeth } from '../../lab/names.js'
import { BRIDGE } from '../../lab/paths.js'
import { type ProbeEnv, probeEnv } from './env.js'

/** netns value of things that live in the host's network namespace */
export const HOST = ''

export interface NetLink {
  name: string
  ifindex: number
  kind: string // veth, bridge, loopback, …
  state: 'UP' | 'DOWN' // administrative state (`ip link set … up`), not carrier
  carrier: boolean
  mac: string
  master?: string
  peer?: string
  peerIndex?: number
  netns: string
}
export interface NetAddr {
  dev: string
  cidr: string
  netns: string
}
export interface NetRoute {
  dst: string
  gateway?: string
  dev: string
  netns: string
}
export interface NetnsInfo {
  name: string
  inode: number
  readable: boolean
}
export interface NetState {
  /** false when `ip` gave no answer on the host (missing, failed, timed out): links, addrs and routes are then unknown */
  hostRead: boolean
  links: NetLink[]
  addrs: NetAddr[]
  routes: NetRoute[]
  netns: NetnsInfo[]
}

interface IpLink {
  ifindex?: number
  ifname?: string
  flags?: string[]
  address?: string
  master?: string
  link_index?: number
  link_type?: string
  linkinfo?: { info_kind?: string }
  addr_info?: { family?: string; local?: string; prefixlen?: number }[]
}
interface IpRoute {
  dst?: string
  gateway?: string
  dev?: string
}

/** on the host only bridge0 and bocker's veths are bocker's story; the rest is the machine's */
const isBockerHostLink = (name: string): boolean => name === BRIDGE || uuidOfVeth(name) !== undefined

export const IP_BATCH = 'addr show\nroute show\n'

/** stdout of `ip -j -d -batch -` fed IP_BATCH: one JSON array per line (addr show, then route show) */
export function parseIpBatch(stdout: string, netns: string): Pick<NetState, 'links' | 'addrs' | 'routes'> {
  const [addrLine = '[]', routeLine = '[]'] = stdout.split('\n').filter(l => l.trim() !== '')
  const ipLinks = JSON.parse(addrLine) as IpLink[]
  const ipRoutes = JSON.parse(routeLine) as IpRoute[]
  const inHost = netns === HOST
  const keep = (name: string): boolean => !inHost || isBockerHostLink(name)
  const links: NetLink[] = []
  const addrs: NetAddr[] = []
  for (const l of ipLinks) {
    const name = l.ifname ?? ''
    if (!keep(name)) continue
    const flags = l.flags ?? []
    links.push({
      name,
      ifindex: l.ifindex ?? 0,
      kind: l.linkinfo?.info_kind ?? l.link_type ?? 'unknown',
      state: flags.includes('UP') ? 'UP' : 'DOWN',
      carrier: flags.includes('LOWER_UP'),
      mac: l.address ?? '',
      ...(l.master ? { master: l.master } : {}),
      ...(l.link_index !== undefined && l.link_index !== l.ifindex ? { peerIndex: l.link_index } : {}),
      netns,
    })
    // IPv6 link-local addresses appear by themselves when a link goes up: noise for bocker's story.
    for (const a of l.addr_info ?? []) {
      if (a.family === 'inet' && a.local) addrs.push({ dev: name, cidr: `${a.local}/${a.prefixlen ?? 32}`, netns })
    }
  }
  const routes: NetRoute[] = []
  for (const r of ipRoutes) {
    const dev = r.dev ?? ''
    const dst = r.dst ?? ''
    if (inHost && dst !== 'default' && !isBockerHostLink(dev)) continue
    routes.push({ dst, dev, netns, ...(r.gateway ? { gateway: r.gateway } : {}) })
  }
  return { links, addrs, routes }
}

/** Fills `peer`: the veth whose ifindex and peer index point at each other (possibly across namespaces). */
export function resolvePeers(links: NetLink[]): NetLink[] {
  return links.map(l => {
    if (l.kind !== 'veth') return l
    const byIndex = links.filter(o => o !== l && o.kind === 'veth' && o.ifindex === l.peerIndex && o.peerIndex === l.ifindex)
    const match = byIndex.length === 1 ? byIndex[0] : undefined
    // Without root the other end (inside a netns) is invisible; bocker's names still tell it.
    const uuid = uuidOfVeth(l.name)
    const guess = uuid && (l.name === hostVeth(uuid) ? peerVeth(uuid) : hostVeth(uuid))
    const peer = match?.name ?? guess
    return peer ? { ...l, peer } : l
  })
}

export async function listNetns(dir: string): Promise<NetnsInfo[]> {
  let names: string[]
  try {
    names = await readdir(dir)
  } catch {
    return []
  }
  const out: NetnsInfo[] = []
  for (const name of names.filter(n => uuidOfNetns(n) !== undefined).sort()) {
    try {
      out.push({ name, inode: (await stat(`${dir}/${name}`)).ino, readable: false })
    } catch {
      /* deleted meanwhile */
    }
  }
  return out
}

type Parsed = ReturnType<typeof parseIpBatch>

/** undefined when `ip` failed or said something that is not its JSON (an old iproute2 without -j) */
async function ipBatch(host: Host, netns: string): Promise<Parsed | undefined> {
  const args = netns === HOST ? ['-j', '-d', '-batch', '-'] : ['-n', netns, '-j', '-d', '-batch', '-']
  const r = await host('ip', args, { input: IP_BATCH })
  if (!r.ok) return undefined
  try {
    return parseIpBatch(r.stdout, netns)
  } catch {
    return undefined
  }
}

/** Entering a netns (`ip -n`) needs root; without it only the host side and the netns names are read. */
export async function readNet(env: ProbeEnv = probeEnv()): Promise<NetState> {
  const hostSide = ipBatch(env.host, HOST) // started first: the spawn is most of a round's cost
  const netns = await listNetns(env.places.netnsDir)
  const [onHost, ...inside] = await Promise.all([hostSide, ...netns.map(n => (env.root ? ipBatch(env.host, n.name) : undefined))])
  const parts = onHost === undefined ? [] : [onHost]
  netns.forEach((ns, i) => {
    const read = inside[i]
    if (read === undefined) return
    ns.readable = true
    parts.push(read)
  })
  return {
    hostRead: onHost !== undefined,
    links: resolvePeers(parts.flatMap(p => p.links)),
    addrs: parts.flatMap(p => p.addrs),
    routes: parts.flatMap(p => p.routes),
    netns,
  }
}
