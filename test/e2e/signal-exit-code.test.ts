// Ctrl-C or SIGTERM where neither a run nor a server handles it ends bocker-learn with 130 or 143,
// as a quit run ends, never by the signal (a shell would print nothing, and `$?` of a killed node
// is not ours to choose). Here `follow` waits on a server that never answers.
import { spawn } from 'node:child_process'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CLI, ROOT } from './support/helpers.js'

const WITH_CHILDREN = `${ROOT}/test/e2e/support/cli-with-children.mjs`
let server: Server
let url = ''
beforeAll(async () => {
  server = createServer(() => {})
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`
})
afterAll(() => {
  server.closeAllConnections()
  server.close()
})

function followThenSignal(entry: string, signal: NodeJS.Signals): Promise<{ code: number | null; signal: string | null }> {
  const child = spawn('node', [entry, 'follow', url], { stdio: 'ignore' })
  setTimeout(() => child.kill(signal), 1500)
  return new Promise(resolve => child.on('exit', (code, sig) => resolve({ code, signal: sig })))
}

describe('a signal nobody handles ends the CLI with 128+n', () => {
  it.each([
    { what: 'the CLI', entry: CLI, signal: 'SIGINT', code: 130 },
    { what: 'the CLI', entry: CLI, signal: 'SIGTERM', code: 143 },
    { what: 'with execa children running', entry: WITH_CHILDREN, signal: 'SIGINT', code: 130 },
    { what: 'with execa children running', entry: WITH_CHILDREN, signal: 'SIGTERM', code: 143 },
  ] as const)('$what, $signal → exit $code', async ({ entry, signal, code }) => {
    expect(await followThenSignal(entry, signal)).toEqual({ code, signal: null })
  })
})
