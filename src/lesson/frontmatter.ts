import { type ArgSpec, type LessonProblem, NEEDS, type Need, problem, SERVICES, type Service } from './types.js'

export interface FrontMatter {
  summary: string
  args: ArgSpec[]
  timeoutSec: number
  services: Service[]
  needs: Need[]
  /** how many lines the front matter took, so body line numbers stay true */
  lines: number
}

const KNOWN = new Set(['summary', 'args', 'timeout', 'title', 'services', 'needs'])

// A deliberately tiny `key: value` format: lesson authors never need YAML's corners.
export function parseFrontMatter(text: string, file: string, problems: LessonProblem[]): FrontMatter {
  const fm: FrontMatter = { summary: '', args: [], timeoutSec: 30, services: [], needs: [], lines: 0 }
  const lines = text.split('\n')
  if (lines[0]?.trim() !== '---') {
    problems.push(problem(file, 1, 'lesson.frontMatter.missing'))
    return fm
  }
  const end = lines.indexOf('---', 1)
  if (end < 0) {
    problems.push(problem(file, 1, 'lesson.frontMatter.unclosed'))
    return fm
  }
  fm.lines = end + 1
  const values = new Map<string, { value: string; line: number }>()
  for (let i = 1; i < end; i++) {
    const raw = lines[i] ?? ''
    if (raw.trim() === '' || raw.trimStart().startsWith('#')) continue
    const m = /^([A-Za-z_][\w.-]*):\s?(.*)$/.exec(raw)
    if (!m) {
      problems.push(problem(file, i + 1, 'lesson.frontMatter.badLine'))
      continue
    }
    values.set(m[1]!, { value: m[2]!.trim(), line: i + 1 })
  }
  fm.summary = values.get('summary')?.value ?? ''
  if (!fm.summary) problems.push(problem(file, 1, 'lesson.frontMatter.noSummary'))
  const timeout = values.get('timeout')
  if (timeout) {
    fm.timeoutSec = Number(timeout.value)
    if (!(fm.timeoutSec > 0)) problems.push(problem(file, timeout.line, 'lesson.frontMatter.badTimeout'))
  }
  const services = values.get('services')
  for (const name of (services?.value ?? '').split(/[\s,]+/).filter(Boolean)) {
    if (SERVICES.includes(name as Service)) fm.services.push(name as Service)
    else problems.push(problem(file, services!.line, 'lesson.frontMatter.unknownService', { name, known: SERVICES.join(', ') }))
  }
  const needs = values.get('needs')
  for (const name of (needs?.value ?? '').split(/[\s,]+/).filter(Boolean)) {
    if (NEEDS.includes(name as Need)) fm.needs.push(name as Need)
    else problems.push(problem(file, needs!.line, 'lesson.frontMatter.unknownNeed', { name, known: NEEDS.join(', ') }))
  }
  const argsLine = values.get('args')?.line ?? 1
  const names = (values.get('args')?.value ?? '').split(/\s+/).filter(Boolean)
  names.forEach((n, i) => {
    const rest = n.endsWith('...')
    const name = rest ? n.slice(0, -3) : n
    if (!/^[a-z_][a-z0-9_]*$/.test(name)) problems.push(problem(file, argsLine, 'lesson.frontMatter.badArgName', { arg: n }))
    if (rest && i !== names.length - 1) problems.push(problem(file, argsLine, 'lesson.frontMatter.restNotLast'))
    fm.args.push({
      name,
      rest,
      default: values.get(name)?.value,
      pattern: values.get(`${name}.pattern`)?.value,
      exists: values.get(`${name}.exists`)?.value,
    })
    const from = /^\{(\w+)\}$/.exec(values.get(name)?.value ?? '')?.[1]
    if (from !== undefined && !fm.needs.includes(from as Need))
      problems.push(problem(file, values.get(name)!.line, 'lesson.frontMatter.defaultNotNeeded', { arg: name, need: from }))
  })
  for (const [key, { value, line }] of values) {
    if (key.endsWith('.pattern')) {
      try {
        new RegExp(value)
      } catch {
        problems.push(problem(file, line, 'lesson.frontMatter.badPattern', { key }))
      }
    }
    const argName = key.replace(/\.(pattern|exists)$/, '')
    if (!KNOWN.has(key) && !fm.args.some(a => a.name === argName))
      problems.push(problem(file, line, 'lesson.frontMatter.unknownKey', { key }))
  }
  return fm
}
