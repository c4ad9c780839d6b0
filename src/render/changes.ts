// Diff lines for the terminal: '+' added, '-' removed, '~' changed (meaning never by colour alone).
import kleur from 'kleur'
import type { Change } from '../observe/diff.js'
import type { Thing, What } from '../observe/probes/things.js'

type Lang = 'ja' | 'en'
type Described = Pick<Thing, 'what' | 'id' | 'where' | 'attrs'>

const UNLIMITED_V1 = '9223372036854771712'

const words = {
  en: { in: (ns: string) => ` (in ${ns})`, inside: (ns: string) => `in ${ns}`, on: 'on', peer: 'peer', snapshotOf: (s: string) => `snapshot of ${s}`, bytes: 'bytes',
    unlimited: 'unlimited', movedInto: (ns: string) => `moved into ${ns}`, movedHost: 'moved back to the host',
    pidInside: 'PID inside', newNs: 'new ns', none: 'none', root: 'root', yes: 'yes', no: 'no' },
  ja: { in: (ns: string) => ` (${ns} 内)`, inside: (ns: string) => `${ns} 内`, on: '→', peer: 'ペア', snapshotOf: (s: string) => `${s} のスナップショット`, bytes: 'バイト',
    unlimited: '無制限', movedInto: (ns: string) => `${ns} へ移動`, movedHost: 'ホストへ戻った',
    pidInside: '中での PID', newNs: '新しい名前空間', none: 'なし', root: 'ルート', yes: 'あり', no: 'なし' },
}
const fieldNames: Record<Lang, Record<string, string>> = {
  en: { state: '', mac: 'MAC', master: 'master', carrier: 'carrier', peer: 'peer', comm: 'command', pidInside: 'PID inside', newNamespaces: 'new ns', snapshotOf: 'snapshot of' },
  ja: { state: '', mac: 'MAC', master: 'master', carrier: 'キャリア', peer: 'ペア', comm: 'コマンド', pidInside: '中での PID', newNamespaces: '新しい名前空間', snapshotOf: 'スナップショット元' },
}

/** cgroup limits in bytes get a readable size; bocker's 512000000 reads as 488 MiB */
export function showValue(field: string, value: string, lang: Lang): string {
  if (value === '') return '–'
  if (value === UNLIMITED_V1 || (field === 'memory.max' && value === 'max')) return `${value} (${words[lang].unlimited})`
  if (/^memory\.(limit_in_bytes|max)$/.test(field) && /^\d+$/.test(value)) return `${value} (${Math.round(Number(value) / 2 ** 20)} MiB)`
  if (field === 'carrier') return value === 'yes' ? words[lang].yes : words[lang].no
  return value
}

/** one thing in a few words, without marker: shared by diffs and `bocker-learn state` */
export function describe(t: Described, lang: Lang): string {
  const w = words[lang]
  const a = t.attrs
  const where = t.where ? w.in(t.where) : ''
  switch (t.what) {
    case 'link': {
      const facts = [a.kind, a.peer && `${w.peer} ${a.peer}`, a.state, a.master && `master ${a.master}`, t.where && w.inside(t.where)]
      return `link ${t.id} (${facts.filter(Boolean).join(', ')})`
    }
    case 'netns':
      return `netns ${t.id}`
    case 'addr':
      return `addr ${t.id} ${w.on} ${a.dev}${where}`
    case 'route':
      return `route ${t.id} dev ${a.dev}${where}`
    case 'subvolume':
      return `subvolume ${t.id}${a.snapshotOf ? ` (${w.snapshotOf(a.snapshotOf)})` : ''}`
    case 'file':
      return `file ${t.id} (${a.size} ${w.bytes})${a.text ? ` “${a.text}”` : ''}`
    case 'cgroup': {
      const values = Object.entries(a).filter(([k, v]) => k !== 'cgroup.procs' || v !== '').map(([k, v]) => `${k} = ${showValue(k, v, lang)}`)
      return `cgroup ${t.id}${values.length ? `  ${values.join(', ')}` : ''}`
    }
    case 'process': {
      const pidInside = a.newNamespaces?.includes('pid') ? `${w.pidInside} ${a.pidInside}; ` : ''
      return `process ${t.id} ${a.comm} (${pidInside}${w.newNs}: ${a.newNamespaces || w.none}; ${w.root} ${a.root})`
    }
  }
}

function describeChange(c: Change, lang: Lang): string {
  const w = words[lang]
  const where = c.where ? w.in(c.where) : ''
  const field = c.field ?? ''
  if (c.what === 'link' && field === 'netns') return `link ${c.id} ${c.after ? w.movedInto(c.after) : w.movedHost}`
  if (c.what === 'file') return `file ${c.id} ${c.before} → ${c.after}${c.attrs.text ? ` “${c.attrs.text}”` : ''}`.replaceAll('bytes', w.bytes)
  const label = fieldNames[lang][field] ?? field
  const fromTo = `${showValue(field, c.before ?? '', lang)} → ${showValue(field, c.after ?? '', lang)}`
  return `${c.what} ${c.id}${label ? ` ${label}: ` : ' '}${fromTo}${where}`
}

const MARK: Record<Change['kind'], string> = { added: '+', removed: '-', changed: '~' }
const paint: Record<Change['kind'], (s: string) => string> = { added: kleur.green, removed: kleur.red, changed: kleur.yellow }

export function formatChange(c: Change, lang: Lang): string {
  const text = c.kind === 'changed' ? describeChange(c, lang) : c.kind === 'added' ? describe(c, lang) : removedText(c, lang)
  return `${paint[c.kind](MARK[c.kind])} ${text}`
}

function removedText(c: Change, lang: Lang): string {
  const where = c.where ? words[lang].in(c.where) : ''
  const what: What = c.what
  return what === 'addr' || what === 'route' ? describe(c, lang) : `${what} ${c.id}${where}`
}

export function formatChanges(changes: Change[], lang: Lang): string[] {
  return changes.map((c) => formatChange(c, lang))
}
