// Display width for the terminal: East Asian wide characters take two columns, ANSI codes none.
const ANSI = /\x1b\[[0-9;]*m/g

export const stripAnsi = (s: string): string => s.replace(ANSI, '')

export function isWide(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0x303e) ||
    (cp >= 0x3041 && cp <= 0x33ff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0xa000 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1faff) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  )
}

export function displayWidth(s: string): number {
  let w = 0
  for (const ch of stripAnsi(s)) w += isWide(ch.codePointAt(0)!) ? 2 : 1
  return w
}

/** Greedy wrap: break at spaces, or between any two wide characters (Japanese has no spaces). */
export function wrap(text: string, width: number, indent = ''): string[] {
  const lines: string[] = []
  for (const paragraph of text.split('\n')) {
    let line = ''
    let lineWidth = 0
    for (const piece of pieces(paragraph)) {
      const w = displayWidth(piece)
      if (lineWidth + w > width - indent.length && line.trim() !== '') {
        // kinsoku: a closing mark never starts a line; it takes the character before it along
        const carry = NO_LINE_START.test(piece) ? lastWideChar(line) : ''
        lines.push(indent + line.slice(0, line.length - carry.length).trimEnd())
        line = carry + piece.trimStart()
        lineWidth = displayWidth(line)
      } else {
        line += piece
        lineWidth += w
      }
    }
    lines.push(indent + line.trimEnd())
  }
  return lines
}

const NO_LINE_START = /^(\x1b\[[0-9;]*m)*[、。，．・：；？！）」』】〕〉》”’ー…ぁぃぅぇぉっゃゅょァィゥェォッャュョ]/u

function lastWideChar(line: string): string {
  const ch = [...line].at(-1)
  return ch !== undefined && isWide(ch.codePointAt(0)!) ? ch : ''
}

// words with their trailing space, and single wide characters; ANSI codes stick to the next piece
function pieces(s: string): string[] {
  const out: string[] = []
  const re =
    /(\x1b\[[0-9;]*m)*(?:[^\s\x1b]+?(?=[\u1100-\u115f\u2e80-\u9fff\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60]|\s|\x1b|$)|[\s]+|.)(\x1b\[[0-9;]*m)*/gsu
  for (const m of s.matchAll(re)) if (m[0]) out.push(m[0])
  return out
}

/** The width we write to: the terminal's, kept between 40 and 100 columns for reading. */
export function terminalWidth(): number {
  return Math.max(40, Math.min(process.stdout.columns || 80, 100))
}
