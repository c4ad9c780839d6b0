// Flag parsing shared by the commands: node's parseArgs, with its errors turned into UsageErrors.
import { type ParseArgsConfig, parseArgs } from 'node:util'
import { UsageError } from '../core/errors.js'

export function parseFlags<T extends NonNullable<ParseArgsConfig['options']>>(argv: string[], options: T, usage: string) {
  try {
    return parseArgs({ args: argv, options: { help: { type: 'boolean', short: 'h' }, ...options }, allowPositionals: true, strict: true })
  } catch (e) {
    const err = e as Error & { code?: string }
    const option = /Unknown option '([^']+)'/.exec(err.message)?.[1]
    if (option) throw new UsageError('cli.unknownOption', { option, usage })
    const named = /Option '(?:-\w, )?(--[\w-]+)[^']*' (argument missing|does not take an argument)/.exec(err.message)
    if (named) throw new UsageError(named[2] === 'argument missing' ? 'cli.needsValue' : 'cli.takesNoValue', { option: named[1]!, usage })
    throw new UsageError('cli.badOption', { problem: err.message.split(/\.\s/)[0] ?? err.message, usage })
  }
}
