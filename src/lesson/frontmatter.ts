import type { ArgSpec, LessonProblem } from './types.js'

export interface FrontMatter {
  summary: string
  args: ArgSpec[]
  timeoutSec: number
  /** how many lines the front matter took, so body line numbers stay true */
  lines: number
}

const KNOWN = new Set(['summary', 'args', 'timeout', 'title'])

// A deliberately tiny `key: value` format: lesson authors never need YAML's corners.
export function parseFrontMatter (text: string, file: string, problems: LessonProblem[]): FrontMatter {
  const fm: FrontMatter = { summary: '', args: [], timeoutSec: 30, lines: 0 }
  const lines = text.split('\n')
  if (lines[0]?.trim() !== '---') {
    problems.push({ file, line: 1, message: 'missing front matter: start the file with a `---` line, then `summary: …` and `args: …`, then `---`' })
    return fm
  }
  const end = lines.indexOf('---', 1)
  if (end < 0) {
    problems.push({ file, line: 1, message: 'front matter is not closed: add a `---` line after it' })
    return fm
  }
  fm.lines = end + 1
  const values = new Map<string, { value: string, line: number }>()
  for (let i = 1; i < end; i++) {
    const raw = lines[i] ?? ''
    if (raw.trim() === '' || raw.trimStart().startsWith('#')) continue
    const m = /^([A-Za-z_][\w.-]*):\s?(.*)$/.exec(raw)
    if (!m) { problems.push({ file, line: i + 1, message: `cannot read front matter line; write it as \`key: value\`` }); continue }
    values.set(m[1]!, { value: m[2]!.trim(), line: i + 1 })
  }
  fm.summary = values.get('summary')?.value ?? ''
  if (!fm.summary) problems.push({ file, line: 1, message: 'front matter needs `summary: <one line>`' })
  const timeout = values.get('timeout')
  if (timeout) {
    fm.timeoutSec = Number(timeout.value)
    if (!(fm.timeoutSec > 0)) problems.push({ file, line: timeout.line, message: 'timeout must be a positive number of seconds' })
  }
  const names = (values.get('args')?.value ?? '').split(/\s+/).filter(Boolean)
  names.forEach((n, i) => {
    const rest = n.endsWith('...')
    const name = rest ? n.slice(0, -3) : n
    if (!/^[a-z_][a-z0-9_]*$/.test(name)) problems.push({ file, line: values.get('args')!.line, message: `argument name "${n}" must be lower_snake_case` })
    if (rest && i !== names.length - 1) problems.push({ file, line: values.get('args')!.line, message: `only the last argument may end in "..."` })
    fm.args.push({ name, rest, default: values.get(name)?.value, pattern: values.get(`${name}.pattern`)?.value, exists: values.get(`${name}.exists`)?.value })
  })
  for (const [key, { value, line }] of values) {
    if (key.endsWith('.pattern')) {
      try { new RegExp(value) } catch { problems.push({ file, line, message: `${key} is not a valid regular expression` }) }
    }
    const argName = key.replace(/\.(pattern|exists)$/, '')
    if (!KNOWN.has(key) && !fm.args.some(a => a.name === argName)) problems.push({ file, line, message: `unknown front matter key "${key}" (known: summary, args, timeout, <arg>, <arg>.pattern, <arg>.exists)` })
  }
  return fm
}
