import type { Token } from 'marked'
import type { lesson as lessonWords } from '../render/words/en/lesson.js'
import type { Vars } from '../render/words/index.js'

export type Role = 'prelude' | 'step' | 'try' | 'check' | 'teardown'
export type When = 'cgroup-v1' | 'cgroup-v2'
export type ProbeName = 'net' | 'btrfs' | 'cgroup' | 'proc'
export type Holding = 'image' | 'tmpdir'
export type Service = 'registry'
export const SERVICES: readonly Service[] = ['registry']

export interface RunBlock {
  role: Role
  code: string
  /** 1-based line of the opening fence in the lesson file */
  line: number
}

export interface Step {
  id: string
  line: number
  /** the section's Markdown tokens, runnable blocks included, in document order */
  tokens: Token[]
  /** the step block and the try blocks, in document order */
  blocks: RunBlock[]
  checks: RunBlock[]
  command: string
  when?: When
  timeoutSec: number
  tty: boolean
  /** bocker's line reads what the learner types (at a terminal; under --yes it reads /dev/null like every step) */
  stdinTerminal: boolean
  probes: ProbeName[]
  allocatesUuid: boolean
  /** allocates=image|tmpdir: what the step makes that the run must remove if it does not finish */
  holds?: Holding
  /** exit statuses that mean the step went as bocker expects (bocker's `[[ … ]] && … && exit 1` lines end in 1) */
  accept: number[]
}

export interface ArgSpec {
  name: string
  rest: boolean
  default?: string
  /** the value must match this, checked before anything runs */
  pattern?: string
  /** a path that must exist, `{}` standing for the value (e.g. /var/bocker/{}) */
  exists?: string
}

export interface Lesson {
  name: string
  lang: string
  file: string
  summary: string
  args: ArgSpec[]
  timeoutSec: number
  /** lab services the lesson needs running (started for the run, stopped after it) */
  services: Service[]
  intro: Token[]
  prelude: RunBlock[]
  teardown: RunBlock[]
  steps: Step[]
}

/** the words keys a lesson problem can be said with (render/problems.ts says it in the reader's language) */
export type LessonProblemKey = keyof typeof lessonWords
export interface LessonProblem {
  file: string
  line: number
  key: LessonProblemKey
  vars: Vars
}

export const problem = (file: string, line: number, key: LessonProblemKey, vars: Vars = {}): LessonProblem => ({ file, line, key, vars })

/** Every problem in a lesson file, reported at once (file:line: …). The message holds keys, not sentences: this stage knows no language. */
export class LessonError extends Error {
  constructor(readonly problems: LessonProblem[]) {
    super(problems.map(p => `${p.file}:${p.line}: ${p.key} ${JSON.stringify(p.vars)}`).join('\n'))
  }
}
