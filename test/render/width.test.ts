import { describe, expect, it } from 'vitest'
import { displayWidth, wrap } from '../../src/render/width.js'

describe('wrap', () => {
  it('counts Japanese as double width', () => {
    expect(displayWidth('aあ')).toBe(3)
    expect(displayWidth('\x1b[31mあ\x1b[39m')).toBe(2)
  })
  it('breaks between Japanese characters and at spaces, never past the width', () => {
    const lines = wrap('これは日本語の文章で、`ip link add` で veth ペアを作ります。English words wrap at spaces too.', 24)
    for (const l of lines) expect(displayWidth(l)).toBeLessThanOrEqual(24)
    expect(lines.join('')).toContain('English')
    for (const word of ['English', 'words', 'spaces']) expect(lines.some(l => l.includes(word))).toBe(true)
  })
  it('never starts a line with a closing mark', () => {
    for (let w = 10; w < 30; w++) {
      for (const l of wrap('これは、とても長い文章です。括弧（かっこ）も「かぎ」もあります。', w)) expect(l).not.toMatch(/^[、。）」]/)
    }
  })
})
