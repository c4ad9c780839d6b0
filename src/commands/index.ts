// The command table: names and one-line summaries stay here so `--help` loads no command module
// (run pulls in the stepper, the probes and the renderer; that would double the start-up time).
import type { WordKey } from '../render/words/index.js'
import type { Command } from './command.js'

export interface CommandEntry {
  summary: WordKey
  load: () => Promise<{ default: Command }>
}

const entry = (file: string): CommandEntry => ({
  summary: `command.${file}` as WordKey,
  load: async () => (await import(`./${file}.js`)) as { default: Command },
})

export const COMMANDS: Record<string, CommandEntry> = Object.fromEntries(
  ['list', 'show', 'run', 'course', 'bocker', 'check', 'state', 'doctor', 'setup', 'reset', 'follow', 'export'].map(name => [
    name,
    entry(name),
  ]),
)
