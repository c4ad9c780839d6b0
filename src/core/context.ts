// What every stage may know of the outside: the learner's language and where lines go.
export type Lang = 'ja' | 'en'
export const LANGS: readonly Lang[] = ['ja', 'en']

export interface Context {
  lang: Lang
  /** where normal output goes (stdout) */
  out: (line: string) => void
  /** where errors and warnings go (stderr) */
  err: (line: string) => void
  /** aborted when whoever reads our output has gone (`| head` ended): a lesson run then quits, with teardown */
  signal?: AbortSignal
}
