// A Host for unit tests: a table of command lines and what they answer; every call is recorded.
// A command line is the program and its arguments joined by spaces; a row may also match by RegExp.
import type { Host, HostResult } from '../../src/core/host.js'

export type FakeAnswer = Partial<HostResult> | ((args: string[]) => Partial<HostResult>)
export interface FakeHost extends Host {
  calls: string[]
}

export function fakeHost(table: [string | RegExp, FakeAnswer][]): FakeHost {
  const calls: string[] = []
  const host = (async (file: string, args: string[]) => {
    const line = [file, ...args].join(' ')
    calls.push(line)
    const row = table.find(([match]) => (typeof match === 'string' ? match === line : match.test(line)))
    if (!row) return { ok: false, code: 127, stdout: '', stderr: `fake host: no answer for ${line}` }
    const answer = typeof row[1] === 'function' ? row[1](args) : row[1]
    const code = answer.code ?? (answer.ok === false ? 1 : 0)
    return { ok: code === 0, code, stdout: answer.stdout ?? '', stderr: answer.stderr ?? '' }
  }) as FakeHost
  host.calls = calls
  return host
}
