// `bocker-learn state` (and the first look of a lesson): bocker's things as they are now, by kind,
// with the network picture, the container's isolation and what could not be read.
import type { Lang } from '../core/context.js'
import type { Snapshot } from '../observe/probes/index.js'
import { thingsOf, type What } from '../observe/probes/things.js'
import { describe } from './changes.js'
import { drawNetwork, formatIsolation } from './picture.js'
import { t } from './words/index.js'

function section(s: Snapshot, whats: What[], lang: Lang): string[] {
  const lines = thingsOf(s)
    .filter(thing => whats.includes(thing.what))
    .map(thing => `  ${describe(thing, lang)}`)
  return lines.length > 0 ? lines : [`  ${t(lang, 'observe.state.nothing')}`]
}

export function formatState(s: Snapshot, lang: Lang): string[] {
  const picture = drawNetwork(s, lang).map(l => `  ${l}`)
  const out = [t(lang, 'observe.state.net'), ...(picture.length > 0 ? picture : [`  ${t(lang, 'observe.state.nothing')}`]), '']
  out.push(t(lang, 'observe.state.disk', { root: s.btrfs?.root ?? '?' }), ...section(s, ['subvolume', 'file'], lang), '')
  out.push(t(lang, 'observe.state.cgroup', { mode: s.cgroup?.mode ?? '?' }), ...section(s, ['cgroup'], lang), '')
  const isolation = formatIsolation(s, lang).map(l => `  ${l}`)
  out.push(t(lang, 'observe.state.proc'), ...isolation, ...section(s, ['process'], lang))
  if (s.blind.length > 0) {
    const root = s.btrfs?.root ?? '?'
    out.push('', t(lang, 'observe.state.blind'), ...s.blind.map(b => `  - ${t(lang, `observe.blind.${b}`, { root })}`))
  }
  return out
}
