// t(lang, key, vars): the one way a sentence reaches the learner. {name} in a sentence takes vars.name,
// which may itself be a phrase (a key with its vars), said in the same language.
import type { Lang } from '../../core/context.js'
import { en, type WordKey } from './en/index.js'
import { ja } from './ja/index.js'

export type { WordKey }
export interface Phrase {
  key: WordKey
  vars?: Vars
}
export type Vars = Record<string, string | number | Phrase>
const WORDS: Record<Lang, Record<WordKey, string>> = { ja, en }

export function t(lang: Lang, key: WordKey, vars: Vars = {}): string {
  return (WORDS[lang][key] ?? String(key)).replace(/\{(\w+)\}/g, (m, name: string) => {
    const v = vars[name]
    return v === undefined ? m : typeof v === 'object' ? t(lang, v.key, v.vars) : String(v)
  })
}

export const say = (lang: Lang, p: Phrase): string => t(lang, p.key, p.vars)

/** The sentences of one language, for tests that compare languages. */
export const words = (lang: Lang): Readonly<Record<WordKey, string>> => WORDS[lang]
