// Pictures of the live state: the network path of each container, and what isolates its process.
import type { Lang } from '../core/context.js'
import { BRIDGE } from '../lab/paths.js'
import type { Change } from '../observe/diff.js'
import type { Snapshot } from '../observe/probes/index.js'
import type { NetLink, NetState } from '../observe/probes/net.js'
import { mainProcess, NAMESPACES } from '../observe/probes/procs.js'
import { displayWidth } from './width.js'
import { t } from './words/index.js'

const pad = (s: string, width: number): string => s + ' '.repeat(Math.max(0, width - displayWidth(s)))

function addrsOf(net: NetState, l: NetLink): string[] {
  return net.addrs.filter(a => a.dev === l.name && a.netns === l.netns).map(a => a.cidr)
}

/** a route as `ip route` prints it */
const routeText = (gateway: string | undefined, dev: string): string => `default via ${gateway ?? '?'} dev ${dev}`

function vethBranch(net: NetState, veth0: NetLink, last: boolean, lang: Lang): string[] {
  const left = `  ${last ? '└──' : '├──'} ${veth0.name} ${veth0.state} ═══ `
  const cont = `  ${last ? '   ' : '│  '}`
  const indent = cont + ' '.repeat(displayWidth(left) - displayWidth(cont))
  const inner = net.links.find(l => l.name === veth0.peer)
  if (!inner) {
    // without root the inside of a netns is not read: the other end is probably there, unseen
    const hidden = net.netns.find(n => !n.readable && veth0.name.endsWith(n.name.replace(/^netns_/, '')))
    if (hidden) {
      return [
        `${left}${veth0.peer ?? '?'}  ${t(lang, 'observe.net.inside', { ns: hidden.name })}`,
        `${indent}${t(lang, 'observe.net.unreadable')}`,
      ]
    }
    return [`${left}${veth0.peer ?? '?'} ${t(lang, 'observe.net.peerGone')}`]
  }
  if (inner.netns === '') return [`${left}${inner.name} ${inner.state} ${t(lang, 'observe.net.stillInHost')}`]
  const ns = net.netns.find(n => n.name === inner.netns)
  const lines = [`${left}${inner.name} ${inner.state}  ${t(lang, 'observe.net.inside', { ns: inner.netns })}`]
  lines.push(`${indent}${[...addrsOf(net, inner), `${t(lang, 'observe.field.mac')} ${inner.mac}`].join('  ')}`)
  const defaults = net.routes.filter(r => r.netns === inner.netns && r.dst === 'default')
  for (const r of defaults) lines.push(`${indent}${routeText(r.gateway, r.dev)}`)
  if (ns && !ns.readable) lines.push(`${indent}${t(lang, 'observe.net.unreadable')}`)
  return lines
}

/** empty when the net probe did not run or `ip` did not answer (the snapshot's blind list says so) */
export function drawNetwork(s: Snapshot, lang: Lang): string[] {
  const net = s.net
  if (!net || net.hostRead === false) return []
  const hostDefault = net.routes.find(r => r.netns === '' && r.dst === 'default')
  const route = hostDefault ? routeText(hostDefault.gateway, hostDefault.dev) : t(lang, 'observe.net.noDefault')
  const lines = [`${t(lang, 'observe.net.host')}  ${route}`, '  │']
  const bridge = net.links.find(l => l.name === BRIDGE && l.netns === '')
  if (!bridge) return [...lines, `${BRIDGE}  ${t(lang, 'observe.net.missing')}`]
  lines.push(`${BRIDGE}  ${[...addrsOf(net, bridge), bridge.state].join('  ')}`)
  const hostVeths = net.links.filter(l => l.kind === 'veth' && l.netns === '' && l.name.startsWith('veth0_'))
  const ports = hostVeths.filter(l => l.master === BRIDGE)
  ports.forEach((p, i) => lines.push(...vethBranch(net, p, i === ports.length - 1, lang)))
  const loose = hostVeths.filter(l => l.master !== BRIDGE)
  if (loose.length > 0) {
    lines.push(t(lang, 'observe.net.notBridged'))
    loose.forEach((p, i) => lines.push(...vethBranch(net, p, i === loose.length - 1, lang)))
  }
  const used = new Set(net.links.filter(l => l.kind === 'veth').map(l => l.netns))
  for (const ns of net.netns.filter(n => n.readable && !used.has(n.name))) lines.push(t(lang, 'observe.net.emptyNetns', { ns: ns.name }))
  return lines
}

export function formatIsolation(s: Snapshot, lang: Lang): string[] {
  const proc = s.proc
  const p = proc && mainProcess(proc, s.focus?.uuid)
  if (!proc || !p) return []
  const word = {
    host: t(lang, 'observe.net.host'),
    ns: t(lang, 'observe.isolation.ns'),
    container: t(lang, 'observe.isolation.container'),
    root: t(lang, 'observe.isolation.root'),
    same: t(lang, 'observe.isolation.same'),
    new: t(lang, 'observe.isolation.new'),
  }
  const head = t(lang, 'observe.isolation.head', { uuid: p.uuid ?? '', comm: p.comm, hostPid: p.pid, pid: p.nsPid.at(-1) ?? p.pid })
  const w = Math.max(...[word.ns, word.root, 'cgroup', '/proc', ...NAMESPACES].map(displayWidth)) + 2
  const hostW = Math.max(displayWidth(word.host), 10) + 2
  const ctrW = Math.max(displayWidth(word.container), 10) + 2
  const rows = NAMESPACES.map(k => {
    const fresh = p.ns[k] !== proc.host[k]
    const note = !fresh ? word.same : k === 'net' && p.netns ? t(lang, 'observe.isolation.newNetns', { netns: p.netns }) : word.new
    return `  ${pad(k, w)}${pad(String(proc.host[k]), hostW)}${pad(String(p.ns[k]), ctrW)}${note}`
  })
  const ownProc = p.mounts.find(m => m.fstype === 'proc' && m.target === '/proc')
  const procMount =
    ownProc && p.root !== '/' ? t(lang, 'observe.isolation.ownProc', { target: ownProc.target }) : t(lang, 'observe.isolation.noProc')
  return [
    head,
    `  ${pad(word.ns, w)}${pad(word.host, hostW)}${word.container}`,
    ...rows,
    `  ${pad('cgroup', w)}${p.cgroups.join(' ') || '–'}`,
    `  ${pad(word.root, w)}${p.root}`,
    `  ${pad('/proc', w)}${procMount}`,
    ...(proc.hostRef === 'self' ? [`  ${t(lang, 'observe.isolation.hostIsSelf')}`] : []),
  ]
}

export function networkChanged(changes: Change[]): boolean {
  return changes.some(c => c.what === 'link' || c.what === 'netns' || c.what === 'addr' || c.what === 'route')
}
