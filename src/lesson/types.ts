import type { Token } from 'marked'
import type { lesson as lessonWords } from '../render/words/en/lesson.js'
import type { Vars } from '../render/words/index.js'

export type Role = 'prelude' | 'step' | 'try' | 'check' | 'teardown' | 'exercise' | 'solution'
export type When = 'cgroup-v1' | 'cgroup-v2'
export type ProbeName = 'net' | 'btrfs' | 'cgroup' | 'proc'
export type Holding = 'image' | 'tmpdir'
export type Service = 'registry'
export const SERVICES: readonly Service[] = ['registry']
/** what a lesson takes over from the course: its container, its image (made with bocker's own lines if missing) */
export type Need = 'container' | 'image'
export const NEEDS: readonly Need[] = ['container', 'image']

/** An exercise: the learner does a task in a shell; `check` (exit 0 = done) tells whether it is done. */
export interface Exercise {
  check: RunBlock
  solution: RunBlock
  /** shown one at a time, after each failed try or on request */
  hints: string[]
}

/** bocker's own code, quoted verbatim: the lab's `bocker` command is assembled from these */
export interface SourceBlock {
  code: string
  line: number
  /** head: the script's first lines; tail: the dispatcher; undefined: a function */
  part?: 'head' | 'tail'
  /** this version replaces the plain one on that cgroup mode */
  when?: When
}

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
  /** an exercise rather than a line of bocker: no step block, the learner's task and its check */
  exercise?: Exercise
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
  needs: Need[]
  /** bocker's own code in this lesson (`bash source`), in document order */
  sources: SourceBlock[]
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
