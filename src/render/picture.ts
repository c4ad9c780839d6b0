// Pictures of the live state: the network path of each container, and what isolates its process.
import type { Change } from '../observe/diff.js'
import type { Snapshot } from '../observe/probes/index.js'
import type { NetLink, NetState } from '../observe/probes/net.js'
import { NAMESPACES, mainProcess } from '../observe/probes/procs.js'
import { BRIDGE } from '../lab/paths.js'
import { displayWidth } from './width.js'

type Lang = 'ja' | 'en'

const text = {
  en: { host: 'host', noDefault: 'no default route', missing: 'missing', stillInHost: '(other end still in the host)',
    peerGone: '(other end gone)', inside: (ns: string) => `inside ${ns}`, unreadable: '(root needed to look inside)',
    notBridged: 'not on the bridge:', emptyNetns: (ns: string) => `${ns}: no veth yet`, mac: 'MAC',
    process: 'container process', pidLine: (out: number, inside: number) => `PID ${out} on the host = PID ${inside} inside`,
    ns: 'namespace', container: 'container', same: 'same as host', new: 'new', root: 'root', cgroup: 'cgroup',
    ownProc: (t: string) => `own proc mounted at ${t}`, noProc: 'no proc mount of its own',
    hostIsSelf: '(host column = bocker-learn\'s own namespaces: /proc/1/ns is not readable here)' },
  ja: { host: 'ホスト', noDefault: 'デフォルトルートなし', missing: 'なし', stillInHost: '(相手側はまだホストにある)',
    peerGone: '(相手側はもうない)', inside: (ns: string) => `${ns} の中`, unreadable: '(中を見るには root が必要)',
    notBridged: 'ブリッジにつながっていない:', emptyNetns: (ns: string) => `${ns}: veth はまだない`, mac: 'MAC',
    process: 'コンテナのプロセス', pidLine: (out: number, inside: number) => `ホストでは PID ${out}、中では PID ${inside}`,
    ns: '名前空間', container: 'コンテナ', same: 'ホストと同じ', new: '新しい', root: 'ルート', cgroup: 'cgroup',
    ownProc: (t: string) => `自分の proc を ${t} にマウント`, noProc: '自分の proc マウントなし',
    hostIsSelf: '(ホスト列は bocker-learn 自身の名前空間: ここでは /proc/1/ns が読めない)' },
}

const pad = (s: string, width: number): string => s + ' '.repeat(Math.max(0, width - displayWidth(s)))

function addrsOf(net: NetState, l: NetLink): string[] {
  return net.addrs.filter((a) => a.dev === l.name && a.netns === l.netns).map((a) => a.cidr)
}

function vethBranch(net: NetState, veth0: NetLink, last: boolean, lang: Lang): string[] {
  const t = text[lang]
  const left = `  ${last ? '└──' : '├──'} ${veth0.name} ${veth0.state} ═══ `
  const cont = `  ${last ? '   ' : '│  '}`
  const indent = cont + ' '.repeat(displayWidth(left) - displayWidth(cont))
  const inner = net.links.find((l) => l.name === veth0.peer)
  if (!inner) {
    // without root the inside of a netns is not read: the other end is probably there, unseen
    const hidden = net.netns.find((n) => !n.readable && veth0.name.endsWith(n.name.replace(/^netns_/, '')))
    if (hidden) return [`${left}${veth0.peer ?? '?'}  ${t.inside(hidden.name)}`, `${indent}${t.unreadable}`]
    return [`${left}${veth0.peer ?? '?'} ${t.peerGone}`]
  }
  if (inner.netns === '') return [`${left}${inner.name} ${inner.state} ${t.stillInHost}`]
  const ns = net.netns.find((n) => n.name === inner.netns)
  const lines = [`${left}${inner.name} ${inner.state}  ${t.inside(inner.netns)}`]
  const addrs = addrsOf(net, inner)
  lines.push(`${indent}${[...addrs, `${t.mac} ${inner.mac}`].join('  ')}`)
  for (const r of net.routes.filter((r) => r.netns === inner.netns && r.dst === 'default')) {
    lines.push(`${indent}default via ${r.gateway ?? '?'} dev ${r.dev}`)
  }
  if (ns && !ns.readable) lines.push(`${indent}${t.unreadable}`)
  return lines
}

export function drawNetwork(s: Snapshot, lang: Lang): string[] {
  const net = s.net
  if (!net) return []
  const t = text[lang]
  const hostDefault = net.routes.find((r) => r.netns === '' && r.dst === 'default')
  const lines = [`${t.host}  ${hostDefault ? `default via ${hostDefault.gateway ?? '?'} dev ${hostDefault.dev}` : t.noDefault}`, '  │']
  const bridge = net.links.find((l) => l.name === BRIDGE && l.netns === '')
  if (!bridge) return [...lines, `${BRIDGE}  ${t.missing}`]
  const bridgeAddrs = addrsOf(net, bridge)
  lines.push(`${BRIDGE}  ${[...bridgeAddrs, bridge.state].join('  ')}`)
  const hostVeths = net.links.filter((l) => l.kind === 'veth' && l.netns === '' && l.name.startsWith('veth0_'))
  const ports = hostVeths.filter((l) => l.master === BRIDGE)
  ports.forEach((p, i) => lines.push(...vethBranch(net, p, i === ports.length - 1, lang)))
  const loose = hostVeths.filter((l) => l.master !== BRIDGE)
  if (loose.length > 0) {
    lines.push(t.notBridged)
    loose.forEach((p, i) => lines.push(...vethBranch(net, p, i === loose.length - 1, lang)))
  }
  const used = new Set(net.links.filter((l) => l.kind === 'veth').map((l) => l.netns))
  for (const ns of net.netns.filter((n) => n.readable && !used.has(n.name))) lines.push(t.emptyNetns(ns.name))
  return lines
}

export function formatIsolation(s: Snapshot, lang: Lang): string[] {
  const proc = s.proc
  const p = proc && mainProcess(proc, s.focus?.uuid)
  if (!proc || !p) return []
  const t = text[lang]
  const inside = p.nsPid.at(-1) ?? p.pid
  const head = `${t.process} ${p.uuid ?? ''}: ${p.comm} (${t.pidLine(p.pid, inside)})`
  const w = Math.max(...[t.ns, t.root, t.cgroup, '/proc', ...NAMESPACES].map(displayWidth)) + 2
  const hostW = Math.max(displayWidth(t.host), 10) + 2
  const ctrW = Math.max(displayWidth(t.container), 10) + 2
  const rows = NAMESPACES.map((k) => {
    const fresh = p.ns[k] !== proc.host[k]
    const note = fresh ? `${t.new}${k === 'net' && p.netns ? ` (${p.netns})` : ''}` : t.same
    return `  ${pad(k, w)}${pad(String(proc.host[k]), hostW)}${pad(String(p.ns[k]), ctrW)}${note}`
  })
  const ownProc = p.mounts.find((m) => m.fstype === 'proc' && m.target === '/proc')
  return [
    head,
    `  ${pad(t.ns, w)}${pad(t.host, hostW)}${t.container}`,
    ...rows,
    `  ${pad(t.cgroup, w)}${p.cgroups.join(' ') || '–'}`,
    `  ${pad(t.root, w)}${p.root}`,
    `  ${pad('/proc', w)}${ownProc && p.root !== '/' ? t.ownProc(ownProc.target) : t.noProc}`,
    ...(proc.hostRef === 'self' ? [`  ${t.hostIsSelf}`] : []),
  ]
}

export function networkChanged(changes: Change[]): boolean {
  return changes.some((c) => c.what === 'link' || c.what === 'netns' || c.what === 'addr' || c.what === 'route')
}
