// A long shell line in a code block breaks only where the shell itself could: at a space outside any
// quotes, marked with a real continuation (` \`), so the lines can be pasted as they are. A line
// with no such place stays whole (the terminal folds it), never cut inside a word or a string.
import { displayWidth, stripAnsi } from './width.js'

const SGR = /\x1b\[[0-9;]*m/y

/** indexes of spaces in `plain` that are outside quotes, $( … ) strings and escapes */
export function breakableSpaces(plain: string): number[] {
  const spaces: number[] = []
  // one frame per $( … ): whether "…" is open there, and ( … ) opened inside it
  const frames = [{ double: false, parens: 0 }]
  let single = false
  for (let i = 0; i < plain.length; i++) {
    const c = plain[i]
    const f = frames.at(-1)!
    if (single) single = c !== "'"
    else if (c === '\\') i++
    else if (c === '$' && plain[i + 1] === '(') {
      frames.push({ double: false, parens: 0 })
      i++
    } else if (c === '"') f.double = !f.double
    else if (f.double) continue
    else if (c === "'") single = true
    else if (c === '(') f.parens++
    else if (c === ')') {
      if (f.parens > 0) f.parens--
      else if (frames.length > 1) frames.pop()
    } else if (c === ' ' && frames.length === 1 && !f.double) spaces.push(i)
  }
  return spaces
}

/** where to cut `plain` so each piece (plus ` \` and, after the first, `indent`) fits `width` */
export function cuts(plain: string, width: number, indent: number): number[] {
  const spaces = breakableSpaces(plain)
  const out: number[] = []
  let start = 0
  for (;;) {
    const room = width - (out.length > 0 ? indent : 0) - 2
    if (displayWidth(plain.slice(start)) + (out.length > 0 ? indent : 0) <= width) return out
    const fitting = spaces.filter(s => s > start && displayWidth(plain.slice(start, s)) <= room)
    const cut = fitting.at(-1) ?? spaces.find(s => s > start)
    if (cut === undefined) return out
    out.push(cut)
    start = cut + 1
  }
}

/** `styled` (the line with its colours) cut at `cuts` of its plain text; each piece keeps its colour */
export function wrapShellLine(styled: string, width: number, indent = '    '): string[] {
  const plain = stripAnsi(styled)
  const at = cuts(plain, width, indent.length)
  if (at.length === 0) return [styled]
  const pieces: string[] = []
  let piece = ''
  let colour = ''
  let p = 0
  for (let i = 0; i < styled.length; ) {
    SGR.lastIndex = i
    const m = SGR.exec(styled)
    if (m) {
      piece += m[0]
      colour = m[0] === '\x1b[0m' || m[0] === '\x1b[39m' ? '' : m[0]
      i += m[0].length
      continue
    }
    if (at.includes(p)) {
      pieces.push(`${piece}${colour ? '\x1b[0m' : ''} \\`)
      piece = colour
    } else piece += styled[i]
    p++
    i++
  }
  pieces.push(piece)
  return pieces.map((l, i) => (i > 0 ? indent + l : l))
}
