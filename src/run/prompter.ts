// What a lesson run asks the learner. The terminal renderer is the real one; a run with --yes asks nothing.
export type Action = 'run' | 'skip' | 'back' | 'reread' | 'more' | 'state' | 'shell' | 'quit'

/** what to do at an exercise: try in a shell, check, a hint, the solution (see, run), skip */
export type ExerciseAction = 'try' | 'check' | 'hint' | 'solution' | 'run-solution' | 'skip' | 'back' | 'quit'

export type Question =
  | { kind: 'keep-container'; uuid: string }
  | { kind: 'clean-orphans'; uuids: string[] }
  | { kind: 'run-outside-lesson'; file: string }

export interface Prompter {
  /** what to do with the step just shown; 'quit' once `signal` (the run quitting) is aborted */
  ask: (canGoBack: boolean, signal?: AbortSignal) => Promise<Action>
  /** what to do at an exercise; 'quit' once `signal` is aborted */
  askExercise: (o: { canGoBack: boolean; hintsLeft: boolean }, signal?: AbortSignal) => Promise<ExerciseAction>
  /** the answer, or byDefault when the question is cancelled */
  confirm: (question: Question, byDefault: boolean, signal?: AbortSignal) => Promise<boolean>
  /** run something that owns the terminal (a tty step, a shell), with our own input paused */
  handOver: <T>(fn: () => Promise<T>) => Promise<T>
  /** something handed the terminal runs now: a Ctrl-C typed there is its own */
  readonly handedOver: boolean
}
