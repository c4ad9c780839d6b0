import { describe, expect, it } from 'vitest'
import { t, words } from '../../src/render/words/index.js'

const en = words('en')
const ja = words('ja')
const placeholders = (s: string): string[] => [...s.matchAll(/\{(\w+)\}/g)].map(m => m[1]!).sort()

describe('words', () => {
  it('ja and en have the same keys, none empty', () => {
    expect(Object.keys(ja).sort()).toEqual(Object.keys(en).sort())
    for (const [key, text] of [...Object.entries(ja), ...Object.entries(en)]) expect(text, key).not.toBe('')
  })

  it('a sentence takes the same {names} in both languages', () => {
    for (const key of Object.keys(en) as (keyof typeof en)[]) expect(placeholders(ja[key]), key).toEqual(placeholders(en[key]))
  })

  it('every Japanese sentence is Japanese (kana or kanji), except a few that are only names or marks', () => {
    const notJapanese = Object.entries(ja).filter(
      ([, s]) =>
        !/[\u3040-\u30ff\u4e00-\u9fff]/.test(s) &&
        /[a-z]{4,}/.test(s.replace(/`[^`]*`|\{\w+\}|--?[\w-]+|bocker[\w-]*|sudo|ps_N+|[\w./-]+\/[\w./-]*/g, '')),
    )
    expect(notJapanese).toEqual([])
  })

  it('t fills {names} and leaves unknown ones visible', () => {
    expect(t('en', 'step.header', { n: 2, total: 9, id: 'veth' })).toBe('Step 2/9  [veth]')
    expect(t('ja', 'step.header', { n: 2 })).toContain('{total}')
  })
})
