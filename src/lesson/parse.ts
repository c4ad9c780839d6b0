// Markdown lesson → Lesson value (parseLesson is pure; loadLesson reads the file). See docs/lesson-format.md.
import { readFileSync } from 'node:fs'
import { marked, type Token, type Tokens } from 'marked'
import type { Vars } from '../render/words/index.js'
import type { LessonRef } from './catalog.js'
import { parseFrontMatter } from './frontmatter.js'
import {
  type Lesson,
  LessonError,
  type LessonProblem,
  type LessonProblemKey,
  type ProbeName,
  problem,
  type Role,
  type RunBlock,
  type SourceBlock,
  type Step,
  type When,
} from './types.js'

const ROLES = new Set<Role | 'source'>(['prelude', 'step', 'try', 'check', 'teardown', 'source', 'exercise', 'solution'])
const PROBES = new Set<ProbeName>(['net', 'btrfs', 'cgroup', 'proc'])
const DEFAULT_PROBES: ProbeName[] = ['net', 'btrfs', 'cgroup']

interface Section {
  line: number
  tokens: Array<{ token: Token; line: number }>
}

export function parseLesson(text: string, file: string, name: string, lang: string): Lesson {
  const problems: LessonProblem[] = []
  const fm = parseFrontMatter(text, file, problems)
  const body = text.split('\n').slice(fm.lines).join('\n')
  const sections = splitSections(marked.lexer(body), fm.lines + 1)
  const lesson: Lesson = {
    name,
    lang,
    file,
    summary: fm.summary,
    args: fm.args,
    timeoutSec: fm.timeoutSec,
    services: fm.services,
    needs: fm.needs,
    sources: [],
    intro: [],
    prelude: [],
    teardown: [],
    steps: [],
  }
  const ids = new Map<string, number>()
  const pendingProse: Token[] = []
  sections.forEach((section, index) => {
    const step = readSection(section, lesson, file, problems)
    if (!step) {
      if (index === 0) lesson.intro = section.tokens.map(t => t.token)
      else pendingProse.push(...section.tokens.map(t => t.token))
      return
    }
    step.tokens = [...pendingProse.splice(0), ...step.tokens]
    const seen = ids.get(step.id)
    if (seen !== undefined) problems.push(problem(file, step.line, 'lesson.step.duplicateId', { id: step.id, first: seen }))
    ids.set(step.id, step.line)
    lesson.steps.push(step)
  })
  if (lesson.steps.length === 0 && problems.length === 0) problems.push(problem(file, 1, 'lesson.noStep'))
  if (problems.length > 0) throw new LessonError(problems.sort((a, b) => a.line - b.line))
  return lesson
}

function splitSections(tokens: Token[], firstLine: number): Section[] {
  const sections: Section[] = [{ line: firstLine, tokens: [] }]
  let line = firstLine
  for (const token of tokens) {
    if (token.type === 'hr') sections.push({ line: line + 1, tokens: [] })
    else sections.at(-1)!.tokens.push({ token, line })
    line += (token.raw.match(/\n/g) ?? []).length
  }
  return sections
}

function readSection(section: Section, lesson: Lesson, file: string, problems: LessonProblem[]): Step | undefined {
  let step: Step | undefined
  const blocks: RunBlock[] = []
  const checks: RunBlock[] = []
  const solutions: RunBlock[] = []
  const hints: Array<{ text: string; line: number }> = []
  for (const { token, line } of section.tokens) {
    if (token.type === 'heading' && /\n-{3,}\s*$/.test(token.raw)) {
      problems.push(problem(file, line + (token.raw.match(/\n/g) ?? []).length, 'lesson.headingNotBreak'))
    }
    if (token.type !== 'code') continue
    const code = token as Tokens.Code
    if (!/\n\s*(```|~~~)\s*\n?$/.test(code.raw) && code.raw.trimStart().match(/^(```|~~~)/)) {
      problems.push(problem(file, line, 'lesson.fenceUnclosed'))
      continue
    }
    const words = (code.lang ?? '').split(/\s+/).filter(Boolean)
    if (words[0] === 'text' && words[1] === 'hint') hints.push({ text: code.text, line })
    if (words[0] !== 'bash' || words.length === 1) continue
    const role = words[1] as Role | 'source'
    if (!ROLES.has(role)) {
      problems.push(problem(file, line, 'lesson.block.unknownRole', { role: words[1]! }))
      continue
    }
    if (role === 'source') {
      lesson.sources.push(readSource(words.slice(2), code.text, line, file, problems))
      continue
    }
    const block: RunBlock = { role, code: code.text, line }
    if (role === 'prelude') lesson.prelude.push(block)
    else if (role === 'teardown') lesson.teardown.push(block)
    else if (role === 'check') checks.push(block)
    else if (role === 'try') blocks.push(block)
    else if (role === 'solution') solutions.push(block)
    else if (step)
      problems.push(
        problem(file, line, step.exercise || role === 'exercise' ? 'lesson.exercise.withStep' : 'lesson.step.second', { first: step.line }),
      )
    else {
      step = makeStep(words.slice(2), block, lesson.timeoutSec, file, problems)
      if (role === 'exercise') step.exercise = { check: block, solution: block, hints: [] }
      else blocks.push(block)
    }
    const takesAttrs = role === 'step' || role === 'prelude' || role === 'teardown' || role === 'exercise'
    if (!takesAttrs && words.length > 2) {
      problems.push(problem(file, line, 'lesson.block.noAttributes', { role, attrs: words.slice(2).join(' ') }))
    }
  }
  if (step?.exercise) {
    const ex = step.exercise
    if (solutions.length === 0) problems.push(problem(file, step.line, 'lesson.exercise.noSolution', { id: step.id }))
    if (solutions.length > 1)
      problems.push(problem(file, solutions[1]!.line, 'lesson.exercise.twoSolutions', { id: step.id, first: solutions[0]!.line }))
    ex.solution = solutions[0] ?? ex.check
    ex.hints = hints.map(h => h.text)
    for (const b of [...blocks, ...checks]) problems.push(problem(file, b.line, 'lesson.block.outsideStep', { role: b.role }))
    step.tokens = section.tokens.map(t => t.token)
    return step
  }
  for (const b of solutions) problems.push(problem(file, b.line, 'lesson.exercise.stray', { role: b.role }))
  for (const h of hints) problems.push(problem(file, h.line, 'lesson.exercise.stray', { role: 'hint' }))
  if (!step) {
    for (const b of [...blocks, ...checks]) problems.push(problem(file, b.line, 'lesson.block.outsideStep', { role: b.role }))
    return undefined
  }
  step.tokens = section.tokens.map(t => t.token)
  step.blocks = blocks
  step.checks = checks
  return step
}

function readSource(attrs: string[], code: string, line: number, file: string, problems: LessonProblem[]): SourceBlock {
  const source: SourceBlock = { code, line }
  for (const attr of attrs) {
    if (attr === 'part=head' || attr === 'part=tail') source.part = attr.slice(5) as 'head' | 'tail'
    else if (attr === 'when=cgroup-v1' || attr === 'when=cgroup-v2') source.when = attr.slice(5) as When
    else problems.push(problem(file, line, 'lesson.source.badAttr', { attr }))
  }
  return source
}

function makeStep(attrs: string[], block: RunBlock, timeoutSec: number, file: string, problems: LessonProblem[]): Step {
  const step: Step = {
    id: '',
    line: block.line,
    tokens: [],
    blocks: [],
    checks: [],
    command: block.code,
    timeoutSec,
    tty: false,
    stdinTerminal: false,
    probes: DEFAULT_PROBES,
    allocatesUuid: false,
    accept: [0],
  }
  const bad = (key: LessonProblemKey, vars?: Vars): void => {
    problems.push(problem(file, block.line, key, vars))
  }
  const seen = new Set<string>()
  for (const attr of attrs) {
    const [key, value = ''] = attr.split('=', 2) as [string, string?]
    if (seen.has(key)) bad('lesson.step.attrTwice', { key })
    seen.add(key)
    if (key === 'id') step.id = value
    else if (key === 'when' && (value === 'cgroup-v1' || value === 'cgroup-v2')) step.when = value as When
    else if (key === 'when') bad('lesson.step.badWhen', { value })
    else if (key === 'timeout' && Number(value) > 0) step.timeoutSec = Number(value)
    else if (key === 'timeout') bad('lesson.step.badTimeout', { value })
    else if (key === 'tty' && !attr.includes('=')) step.tty = true
    else if (key === 'stdin' && value === 'terminal') step.stdinTerminal = true
    else if (key === 'stdin') bad('lesson.step.badStdin', { value })
    else if (key === 'allocates' && value === 'uuid') step.allocatesUuid = true
    else if (key === 'allocates' && (value === 'image' || value === 'tmpdir')) step.holds = value
    else if (key === 'allocates') bad('lesson.step.badAllocates', { value })
    else if (key === 'probe') step.probes = parseProbes(value, bad)
    else if (key === 'accept' && /^\d+(,\d+)*$/.test(value)) step.accept = value.split(',').map(Number)
    else if (key === 'accept') bad('lesson.step.badAccept', { value })
    else bad('lesson.step.unknownAttr', { attr })
  }
  if (block.role === 'exercise') {
    for (const attr of attrs) if (!/^(id|timeout)=/.test(attr)) bad('lesson.exercise.badAttr', { attr })
    step.probes = []
  }
  if (!step.id) bad('lesson.step.noId')
  else if (!/^[a-z0-9][a-z0-9-]*$/.test(step.id)) bad('lesson.step.badId', { id: step.id })
  if (step.tty && step.stdinTerminal) bad('lesson.step.ttyStdin')
  if (step.tty && (step.allocatesUuid || step.holds)) bad('lesson.step.ttyUuid')
  return step
}

function parseProbes(value: string, bad: (key: LessonProblemKey, vars?: Vars) => void): ProbeName[] {
  if (value === 'none') return []
  const names = value.split(',').filter(Boolean)
  for (const n of names) if (!PROBES.has(n as ProbeName)) bad('lesson.step.unknownProbe', { probe: n })
  return names.filter(n => PROBES.has(n as ProbeName)) as ProbeName[]
}

export function loadLesson(ref: LessonRef): Lesson {
  return parseLesson(readFileSync(ref.file, 'utf8'), ref.file, ref.name, ref.lang)
}
