// What every `bocker-learn <command>` module exports; cli.ts dispatches to these.
export type Lang = 'ja' | 'en'

export interface Context {
  lang: Lang
  /** where normal output goes (stdout) */
  out: (line: string) => void
  /** where errors and warnings go (stderr) */
  err: (line: string) => void
}

export interface Command {
  usage: string
  /** returns the exit code: 0 ok, 1 failed, 2 usage error, 130 interrupted */
  run: (argv: string[], ctx: Context) => Promise<number>
}

/** Bad input from the user: cli.ts prints the message alone (no stack) and exits 2. */
export class UsageError extends Error {}
