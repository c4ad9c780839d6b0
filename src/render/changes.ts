// Diff lines for the terminal: '+' added, '-' removed, '~' changed (meaning never by colour alone).
import kleur from 'kleur'
import type { Lang } from '../core/context.js'
import type { Change } from '../observe/diff.js'
import type { Thing, What } from '../observe/probes/things.js'
import { t, type WordKey } from './words/index.js'

type Described = Pick<Thing, 'what' | 'id' | 'where' | 'attrs'>

const UNLIMITED_V1 = '9223372036854771712'

/** netns and cgroup are the kernel's names in every language; the rest have words */
const WHAT_WORDS: Record<Exclude<What, 'netns' | 'cgroup'>, WordKey> = {
  link: 'observe.what.link',
  addr: 'observe.what.addr',
  route: 'observe.what.route',
  subvolume: 'observe.what.subvolume',
  file: 'observe.what.file',
  process: 'observe.what.process',
}
/** attributes with a name of their own; others (cgroup files, uuid, netns) are shown as they are called */
const FIELD_WORDS: Partial<Record<string, WordKey>> = {
  mac: 'observe.field.mac',
  master: 'observe.field.master',
  carrier: 'observe.field.carrier',
  peer: 'observe.field.peer',
  comm: 'observe.field.comm',
  root: 'observe.field.root',
  pidInside: 'observe.field.pidInside',
  newNamespaces: 'observe.field.newNamespaces',
  snapshotOf: 'observe.field.snapshotOf',
}

export function whatLabel(what: What, lang: Lang): string {
  return what === 'netns' || what === 'cgroup' ? what : t(lang, WHAT_WORDS[what])
}

function fieldLabel(field: string, lang: Lang): string {
  if (field === 'state') return '' // 'DOWN → UP' says itself
  const key = FIELD_WORDS[field]
  return key ? t(lang, key) : field
}

const whereText = (where: string | undefined, lang: Lang): string => (where ? ` ${t(lang, 'observe.where', { ns: where })}` : '')

/** cgroup limits in bytes get a readable size; bocker's 512000000 reads as 488 MiB */
export function showValue(field: string, value: string, lang: Lang): string {
  if (value === '') return '–'
  if (value === UNLIMITED_V1 || (field === 'memory.max' && value === 'max')) return t(lang, 'observe.value.unlimited', { value })
  if (/^memory\.(limit_in_bytes|max)$/.test(field) && /^\d+$/.test(value)) {
    return t(lang, 'observe.value.mib', { value, mib: Math.round(Number(value) / 2 ** 20) })
  }
  if (field === 'carrier') return t(lang, value === 'yes' ? 'observe.yes' : 'observe.no')
  return value
}

function linkFacts(link: Described, lang: Lang): string {
  const a = link.attrs
  const facts = [
    a.kind,
    a.peer && t(lang, 'observe.link.peer', { peer: a.peer }),
    a.state,
    a.master && t(lang, 'observe.link.master', { master: a.master }),
    link.where && t(lang, 'observe.link.inside', { ns: link.where }),
  ]
  return facts.filter(Boolean).join(t(lang, 'observe.listSep'))
}

function processFacts(a: Record<string, string>, lang: Lang): string {
  const facts = t(lang, 'observe.process.facts', { namespaces: a.newNamespaces || t(lang, 'observe.none'), root: a.root ?? '' })
  return a.newNamespaces?.includes('pid') ? t(lang, 'observe.process.pidInside', { pid: a.pidInside ?? '', facts }) : facts
}

const quoted = (text: string | undefined, lang: Lang): string => (text ? ` ${t(lang, 'observe.file.text', { text })}` : '')

/** one thing in a few words, without marker: shared by diffs and `bocker-learn state` */
export function describe(thing: Described, lang: Lang): string {
  const a = thing.attrs
  const head = `${whatLabel(thing.what, lang)} ${thing.id}`
  switch (thing.what) {
    case 'link':
      return `${head} (${linkFacts(thing, lang)})`
    case 'netns':
      return head
    case 'addr':
      return `${head} ${t(lang, 'observe.addr.dev', { dev: a.dev ?? '' })}${whereText(thing.where, lang)}`
    case 'route':
      return `${head} dev ${a.dev}${whereText(thing.where, lang)}`
    case 'subvolume':
      return a.snapshotOf ? `${head} ${t(lang, 'observe.subvolume.snapshotOf', { source: a.snapshotOf })}` : head
    case 'file':
      return `${head} (${t(lang, 'observe.file.size', { size: a.size ?? '' })})${quoted(a.text, lang)}`
    case 'cgroup': {
      const values = Object.entries(a)
        .filter(([k, v]) => k !== 'cgroup.procs' || v !== '')
        .map(([k, v]) => `${k} = ${showValue(k, v, lang)}`)
      return values.length ? `${head}  ${values.join(t(lang, 'observe.listSep'))}` : head
    }
    case 'process':
      return `${head} ${a.comm} (${processFacts(a, lang)})`
  }
}

function describeChange(c: Change, lang: Lang): string {
  const head = `${whatLabel(c.what, lang)} ${c.id}`
  const field = c.field ?? ''
  if (c.what === 'link' && field === 'netns') {
    return `${head} ${c.after ? t(lang, 'observe.link.movedInto', { ns: c.after }) : t(lang, 'observe.link.movedHost')}`
  }
  if (c.what === 'file') {
    const size = (n: string | undefined): string => t(lang, 'observe.file.size', { size: n ?? '' })
    return `${head} ${size(c.before)} → ${size(c.after)}${quoted(c.attrs.text, lang)}`
  }
  const label = fieldLabel(field, lang)
  const fromTo = `${showValue(field, c.before ?? '', lang)} → ${showValue(field, c.after ?? '', lang)}`
  return `${head}${label ? ` ${label}: ` : ' '}${fromTo}${whereText(c.where, lang)}`
}

function removedText(c: Change, lang: Lang): string {
  return c.what === 'addr' || c.what === 'route' ? describe(c, lang) : `${whatLabel(c.what, lang)} ${c.id}${whereText(c.where, lang)}`
}

const MARK: Record<Change['kind'], string> = { added: '+', removed: '-', changed: '~' }
const paint: Record<Change['kind'], (s: string) => string> = { added: kleur.green, removed: kleur.red, changed: kleur.yellow }

export function formatChange(c: Change, lang: Lang): string {
  const text = c.kind === 'changed' ? describeChange(c, lang) : c.kind === 'added' ? describe(c, lang) : removedText(c, lang)
  return `${paint[c.kind](MARK[c.kind])} ${text}`
}

export function formatChanges(changes: Change[], lang: Lang): string[] {
  return changes.map(c => formatChange(c, lang))
}
