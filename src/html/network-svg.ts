// The network picture as an inline SVG: the host and its default route, bridge0, and for each veth
// pair its host end on the bridge and its other end inside the container's netns (what the
// terminal draws as a tree, src/render/picture.ts). No fonts or images from outside: system fonts only.
import type { Lang } from '../core/context.js'
import { BRIDGE } from '../lab/paths.js'
import type { Snapshot } from '../observe/probes/index.js'
import type { NetLink, NetState } from '../observe/probes/net.js'
import { displayWidth } from '../render/width.js'
import { t } from '../render/words/index.js'
import { esc } from './escape.js'

const CHAR = 7.4 // px per column of a 12px monospace font (a CJK character takes two)
const LINE = 17
const GAP = 24

interface Column {
  /** the host end (on the bridge, or loose) */
  top: string[]
  bridged: boolean
  /** the other end: inside a netns, still in the host, or gone */
  bottom: string[]
  bottomKind: 'netns' | 'host' | 'hidden' | 'gone' | 'empty'
}

const addrsOf = (net: NetState, l: NetLink): string[] => net.addrs.filter(a => a.dev === l.name && a.netns === l.netns).map(a => a.cidr)

function column(net: NetState, veth0: NetLink | undefined, lang: Lang, empty?: string): Column {
  if (!veth0)
    return { top: [], bridged: false, bottom: [empty ?? '', t(lang, 'observe.net.emptyNetns', { ns: empty ?? '' })], bottomKind: 'empty' }
  const top = [`${veth0.name} ${veth0.state}`, ...addrsOf(net, veth0)]
  const bridged = veth0.master === BRIDGE
  const inner = net.links.find(l => l.name === veth0.peer)
  if (!inner) {
    const hidden = net.netns.find(n => !n.readable && veth0.name.endsWith(n.name.replace(/^netns_/, '')))
    if (hidden) return { top, bridged, bottom: [hidden.name, veth0.peer ?? '?', t(lang, 'observe.net.unreadable')], bottomKind: 'hidden' }
    return { top, bridged, bottom: [`${veth0.peer ?? '?'} ${t(lang, 'observe.net.peerGone')}`], bottomKind: 'gone' }
  }
  if (inner.netns === '')
    return { top, bridged, bottom: [`${inner.name} ${inner.state}`, t(lang, 'observe.net.stillInHost')], bottomKind: 'host' }
  const routes = net.routes
    .filter(r => r.netns === inner.netns && r.dst === 'default')
    .map(r => `default via ${r.gateway ?? '?'} dev ${r.dev}`)
  const ns = net.netns.find(n => n.name === inner.netns)
  return {
    top,
    bridged,
    bottom: [
      inner.netns,
      `${inner.name} ${inner.state}`,
      ...addrsOf(net, inner),
      `${t(lang, 'observe.field.mac')} ${inner.mac}`,
      ...routes,
      ...(ns && !ns.readable ? [t(lang, 'observe.net.unreadable')] : []),
    ],
    bottomKind: 'netns',
  }
}

const width = (lines: string[]): number => Math.max(0, ...lines.map(displayWidth)) * CHAR

function text(x: number, y: number, lines: string[], cls = ''): string {
  return lines.map((l, i) => `<text x="${x}" y="${y + i * LINE}"${i === 0 && cls ? ` class="${cls}"` : ''}>${esc(l)}</text>`).join('')
}

/** empty when the net probe did not run or `ip` did not answer (as the terminal's picture) */
export function networkSvg(s: Snapshot, lang: Lang): string {
  const net = s.net
  if (!net || net.hostRead === false) return ''
  const hostDefault = net.routes.find(r => r.netns === '' && r.dst === 'default')
  const route = hostDefault ? `default via ${hostDefault.gateway ?? '?'} dev ${hostDefault.dev}` : t(lang, 'observe.net.noDefault')
  const hostLines = [t(lang, 'observe.net.host'), route]
  const bridge = net.links.find(l => l.name === BRIDGE && l.netns === '')
  const bridgeLine = bridge ? [BRIDGE, ...addrsOf(net, bridge), bridge.state].join('  ') : `${BRIDGE}  ${t(lang, 'observe.net.missing')}`
  const veths = net.links.filter(l => l.kind === 'veth' && l.netns === '' && l.name.startsWith('veth0_'))
  const used = new Set(net.links.filter(l => l.kind === 'veth').map(l => l.netns))
  const cols = [
    ...veths.filter(l => l.master === BRIDGE).map(v => column(net, v, lang)),
    ...(bridge ? veths.filter(l => l.master !== BRIDGE).map(v => column(net, v, lang)) : []),
    ...net.netns.filter(n => n.readable && !used.has(n.name)).map(n => column(net, undefined, lang, n.name)),
  ]
  const colW = cols.map(c => Math.max(150, width([...c.top, ...c.bottom]) + 20))
  const total = Math.max(
    width(hostLines) + 24,
    width([bridgeLine]) + 24,
    colW.reduce((a, b) => a + b + GAP, -GAP),
    260,
  )
  const parts: string[] = []
  parts.push(`<rect class="host" x="0.5" y="0.5" width="${total - 1}" height="${LINE * 2 + 14}" rx="6"/>`)
  parts.push(text(12, 20, hostLines, 'title'))
  const bridgeY = LINE * 2 + 36
  parts.push(`<line class="wire" x1="${total / 2}" y1="${LINE * 2 + 15}" x2="${total / 2}" y2="${bridgeY}"/>`)
  parts.push(`<rect class="bridge${bridge ? '' : ' missing'}" x="0.5" y="${bridgeY}" width="${total - 1}" height="28" rx="4"/>`)
  parts.push(text(12, bridgeY + 19, [bridgeLine], 'title'))
  let height = bridgeY + 28
  let x = 0
  cols.forEach((c, i) => {
    const w = colW[i]!
    const mid = x + w / 2
    let y = bridgeY + 28
    if (c.top.length > 0) {
      const topY = y + 26
      parts.push(`<line class="wire${c.bridged ? '' : ' loose'}" x1="${mid}" y1="${y}" x2="${mid}" y2="${topY}"/>`)
      if (!c.bridged) parts.push(text(mid + 6, y + 16, [t(lang, 'observe.net.notBridged')], 'note'))
      const h = c.top.length * LINE + 10
      parts.push(`<rect class="veth" x="${x + 0.5}" y="${topY}" width="${w - 1}" height="${h}" rx="4"/>`)
      parts.push(text(x + 10, topY + 17, c.top))
      y = topY + h
      // a veth pair: one cable with two ends
      parts.push(
        `<line class="pair" x1="${mid - 3}" y1="${y}" x2="${mid - 3}" y2="${y + 26}"/><line class="pair" x1="${mid + 3}" y1="${y}" x2="${mid + 3}" y2="${y + 26}"/>`,
      )
      y += 26
    } else y += 26
    const h = c.bottom.length * LINE + 12
    parts.push(`<rect class="${c.bottomKind}" x="${x + 0.5}" y="${y}" width="${w - 1}" height="${h}" rx="6"/>`)
    parts.push(
      text(x + 10, y + 18, c.bottom, c.bottomKind === 'netns' || c.bottomKind === 'empty' || c.bottomKind === 'hidden' ? 'title' : ''),
    )
    height = Math.max(height, y + h)
    x += w + GAP
  })
  const label = esc(t(lang, 'html.network'))
  return `<svg class="network" role="img" aria-label="${label}" viewBox="0 0 ${Math.ceil(total)} ${Math.ceil(height + 1)}" width="${Math.ceil(total)}" height="${Math.ceil(height + 1)}"><title>${label}</title>${parts.join('')}</svg>`
}
