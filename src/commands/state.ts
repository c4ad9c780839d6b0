// `bocker-learn state [--json] [--uuid ps_N]`: bocker's things as they are now, with the network picture.
import { UsageError } from '../core/errors.js'
import type { Command } from './command.js'
import type { Lang } from '../core/context.js'
import { parseFlags } from './options.js'
import { UUID_RE } from '../lab/names.js'
import { takeSnapshot, ALL_PROBES, type Blind, type Snapshot } from '../observe/probes/index.js'
import { thingsOf, type What } from '../observe/probes/things.js'
import { describe } from '../render/changes.js'
import { drawNetwork, formatIsolation } from '../render/picture.js'

const headings: Record<Lang, Record<'net' | 'disk' | 'cgroup' | 'proc' | 'nothing' | 'blind', string>> = {
  en: { net: 'Network', disk: 'Disk', cgroup: 'cgroups', proc: 'Container processes', nothing: '(none)', blind: 'Not shown:' },
  ja: { net: 'ネットワーク', disk: 'ディスク', cgroup: 'cgroup', proc: 'コンテナのプロセス', nothing: '(なし)', blind: '表示できないもの:' },
}
const blindText: Record<Lang, Record<Blind, string>> = {
  en: {
    'netns-inside-needs-root': 'links and addresses inside netns_ps_* (needs root: `ip -n` enters the namespace)',
    'subvolume-ids-need-root': 'subvolume ids and snapshot sources (needs root: `btrfs subvolume list`)',
    'processes-need-root': "other users' processes and their namespaces (needs root)",
    'btrfs-not-mounted': 'subvolumes: /var/bocker is not a mounted btrfs (run `bocker-learn setup`?)',
  },
  ja: {
    'netns-inside-needs-root': 'netns_ps_* の中のリンクとアドレス (root が必要: `ip -n` で名前空間に入るため)',
    'subvolume-ids-need-root': 'サブボリュームの ID とスナップショット元 (root が必要: `btrfs subvolume list`)',
    'processes-need-root': '他のユーザーのプロセスとその名前空間 (root が必要)',
    'btrfs-not-mounted': 'サブボリューム: /var/bocker が btrfs としてマウントされていない (`bocker-learn setup`?)',
  },
}

function section(s: Snapshot, whats: What[], lang: Lang): string[] {
  const lines = thingsOf(s).filter((t) => whats.includes(t.what)).map((t) => `  ${describe(t, lang)}`)
  return lines.length > 0 ? lines : [`  ${headings[lang].nothing}`]
}

export function formatState(s: Snapshot, lang: Lang): string[] {
  const h = headings[lang]
  const out = [h.net, ...drawNetwork(s, lang).map((l) => `  ${l}`), '']
  out.push(`${h.disk} (${s.btrfs?.root ?? '?'})`, ...section(s, ['subvolume', 'file'], lang), '')
  out.push(`${h.cgroup} (${s.cgroup?.mode ?? '?'})`, ...section(s, ['cgroup'], lang), '')
  const isolation = formatIsolation(s, lang)
  out.push(h.proc, ...(isolation.length > 0 ? isolation.map((l) => `  ${l}`) : []), ...section(s, ['process'], lang))
  if (s.blind.length > 0) out.push('', h.blind, ...s.blind.map((b) => `  - ${blindText[lang][b]}`))
  return out
}

const command: Command = {
  usage: 'bocker-learn state [--json] [--uuid ps_NNNNN]',
  run: async (argv, ctx) => {
    const { values } = parseFlags(argv, { json: { type: 'boolean' }, uuid: { type: 'string' } }, command.usage)
    if (values.help) { ctx.out(`usage: ${command.usage}`); return 0 }
    const json = values.json === true
    const uuid = values.uuid
    if (uuid !== undefined && !UUID_RE.test(uuid)) throw new UsageError(`--uuid ${uuid}: give a bocker uuid like ps_42032`)
    const snapshot = await takeSnapshot([...ALL_PROBES], uuid ? { uuid } : undefined)
    if (json) ctx.out(JSON.stringify(snapshot, null, 2))
    else formatState(snapshot, ctx.lang).forEach((l) => ctx.out(l))
    return 0
  },
}
export default command
