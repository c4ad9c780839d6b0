// Flag parsing shared by the commands: node's parseArgs, with its errors turned into UsageErrors.
import { parseArgs, type ParseArgsConfig } from 'node:util'
import { UsageError } from '../core/errors.js'

export function parseFlags<T extends NonNullable<ParseArgsConfig['options']>> (argv: string[], options: T, usage: string) {
  try {
    return parseArgs({ args: argv, options: { help: { type: 'boolean', short: 'h' }, ...options }, allowPositionals: true, strict: true })
  } catch (e) {
    const err = e as Error & { code?: string }
    const unknown = /Unknown option '([^']+)'/.exec(err.message)?.[1]
    const what = unknown ? `unknown option ${unknown}` : err.message.split(/\.\s/)[0]
    throw new UsageError(`${what}; usage: ${usage}`)
  }
}
