import { describe, expect, it } from 'vitest'
import { realHost } from '../../src/core/host.js'

describe('realHost', () => {
  it('gives a failure as a value: exit status, missing program (127), timeout (124)', async () => {
    expect(await realHost('sh', ['-c', 'echo out; echo err >&2; exit 3'])).toEqual({ ok: false, code: 3, stdout: 'out\n', stderr: 'err\n' })
    expect(await realHost('sh', ['-c', 'cat'], { input: 'fed\n' })).toEqual({ ok: true, code: 0, stdout: 'fed\n', stderr: '' })
    const missing = await realHost('bocker-learn-no-such-program', [])
    expect(missing).toMatchObject({ ok: false, code: 127 })
    const slow = await realHost('sleep', ['5'], { timeoutMs: 100 })
    expect(slow).toMatchObject({ ok: false, code: 124 })
  })
})
