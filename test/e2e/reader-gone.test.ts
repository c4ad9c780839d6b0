// The reader of the output goes away (`| head`, `| less` then q): no stack trace; a lesson run
// quits as on a hang-up, with its teardown, and leaves nothing of the container behind.
import { spawnSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { CLI, fingerprint, labReady, leaks, settle } from './support/helpers.js'

function piped(args: string, reader: string): { code: number; err: string } {
  const r = spawnSync(
    'bash',
    [
      '-c',
      `node ${CLI} ${args} 2>/tmp/bocker-learn-reader-gone.err | ${reader} >/dev/null; s=\${PIPESTATUS[0]}; cat /tmp/bocker-learn-reader-gone.err >&2; rm -f /tmp/bocker-learn-reader-gone.err; exit $s`,
    ],
    { encoding: 'utf8', env: { ...process.env, LANG: 'C.UTF-8' }, timeout: 120_000 },
  )
  return { code: r.status ?? -1, err: r.stderr }
}

describe('output piped into a reader that stops early', () => {
  it.each(['--help', 'list', 'show bocker_run --lang ja', 'show bocker_run --lang en'])(
    '%s | head -n 1: exit 0, nothing on stderr',
    args => {
      expect(piped(args, 'head -n 1')).toEqual({ code: 0, err: '' })
    },
  )

  it.skipIf(!labReady)('run --yes | stop reading at the veth step: exit 130, teardown ran, nothing left', async () => {
    const before = fingerprint()
    const r = piped('run bocker_run --yes --lang en', "sed '/\\[veth0-master\\]/q'")
    expect(r.err).not.toMatch(/internal error|EPIPE|at .*\.js:\d+/)
    expect(r.code).toBe(130)
    expect(await settle(() => leaks(before))).toEqual([])
  })
})
