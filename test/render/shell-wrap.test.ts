import { execFileSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { breakableSpaces, wrapShellLine } from '../../src/render/shell-wrap.js'
import { displayWidth, stripAnsi } from '../../src/render/width.js'

const LINES = [
  'ip netns exec netns_"$uuid" ip link set veth1_"$uuid" address 02:42:ac:11:00"$mac"',
  `token="$(curl -sL -o /dev/null -D- -H 'X-Docker-Token: true' "https://index.docker.io/v1/repositories/$1/images" | tr -d '\\r' | awk -F ': *' '$1 == "X-Docker-Token" { print $2 }')"`,
  ': "${BOCKER_MEM_LIMIT:=512}" && cgset -r memory.limit_in_bytes="$((BOCKER_MEM_LIMIT * 1000000))" "$uuid"',
  `echo 'a single quoted string that is much longer than the terminal is wide, with spaces in it' and more words after it`,
  'for n in $(seq 42002 42254); do last3=${n: -3}; owners[${last3//0/}]+="$n "; done',
]

describe('shell lines wrapped where the shell could break them', () => {
  it.each(LINES)('%s', line => {
    const pieces = wrapShellLine(line, 40)
    // joined back by the shell's own continuation, it is the same line
    expect(pieces.join('\n').replace(/ \\\n {4}/g, ' ')).toBe(line)
    for (const [i, p] of pieces.entries()) {
      if (i < pieces.length - 1) expect(p.endsWith(' \\')).toBe(true)
      // a piece is longer than the width only when it has no place to break
      if (displayWidth(p) > 40) expect(breakableSpaces(p.trim().replace(/ \\$/, ''))).toEqual([])
    }
    // bash reads the wrapped text as the same words
    const words = (s: string): string =>
      execFileSync('bash', ['-c', `set -- ${s.replace(/\$\(|`/g, '_')}; printf '%s|' "$#"`], { encoding: 'utf8' })
    if (!/[;&|<>{}]|\bdo\b/.test(line)) expect(words(pieces.join('\n'))).toBe(words(line))
  })

  it('never breaks inside quotes or $( … )', () => {
    const line = `x="$(echo "a b c" 'd e f')" "g h" 'i j' k`
    expect(breakableSpaces(line).map(i => line.slice(i - 1, i + 2))).toEqual([`" "`, `" '`, `' k`])
  })

  it('keeps the colour across the cut', () => {
    const styled = `\x1b[32mecho\x1b[0m \x1b[33m"${'x'.repeat(30)}"\x1b[0m \x1b[33m"${'y'.repeat(30)}"\x1b[0m`
    const pieces = wrapShellLine(styled, 40)
    expect(pieces.map(stripAnsi)).toEqual([`echo "${'x'.repeat(30)}" \\`, `    "${'y'.repeat(30)}"`])
  })

  it('leaves a short line alone', () => {
    expect(wrapShellLine('ls -l /', 40)).toEqual(['ls -l /'])
  })
})
