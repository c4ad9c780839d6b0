// t(lang, key, vars): the one way a sentence reaches the learner. {name} in a sentence takes vars.name.
import type { Lang } from '../../core/context.js'
import { en, type WordKey } from './en/index.js'
import { ja } from './ja/index.js'

export type { WordKey }
export type Vars = Record<string, string | number>
const WORDS: Record<Lang, Record<WordKey, string>> = { ja, en }

export function t (lang: Lang, key: WordKey, vars: Vars = {}): string {
  return (WORDS[lang][key] ?? String(key)).replace(/\{(\w+)\}/g, (m, name: string) => name in vars ? String(vars[name]) : m)
}

/** The sentences of one language, for tests that compare languages. */
export const words = (lang: Lang): Readonly<Record<WordKey, string>> => WORDS[lang]
