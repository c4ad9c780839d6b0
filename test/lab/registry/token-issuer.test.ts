import { generateKeyPairSync } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AUTH_ISSUER, AUTH_SERVICE } from '../../../src/lab/registry/addresses.js'
import { decodeClaims } from '../../../src/lab/registry/jwt.js'
import { grantedAccess, tokenHandler } from '../../../src/lab/registry/token-issuer.js'

describe('what the token issuer grants', () => {
  it.each([
    [['repository:library/busybox:pull'], [{ type: 'repository', name: 'library/busybox', actions: ['pull'] }]],
    [['repository:library/busybox:pull,push'], [{ type: 'repository', name: 'library/busybox', actions: ['pull'] }]],
    [['repository:library/busybox:push'], []],
    [['repository:library/busybox:*'], []],
    [['registry:catalog:*'], []],
    [['repository:Library/BusyBox:pull'], []],
    [['repository:library/../etc:pull'], []],
    [
      ['repository:a:pull', 'repository:b/c:pull'],
      [
        { type: 'repository', name: 'a', actions: ['pull'] },
        { type: 'repository', name: 'b/c', actions: ['pull'] },
      ],
    ],
    [[], []],
  ])('%j → %j', (scopes, access) => {
    expect(grantedAccess(scopes)).toEqual(access)
  })
})

describe('the token endpoint', () => {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
  let server: Server
  let base = ''
  beforeAll(async () => {
    server = createServer(tokenHandler(privateKey, 'KID', () => 1000))
    await new Promise<void>(r => server.listen(0, '127.0.0.1', r))
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterAll(() => {
    server.close()
  })

  it("answers like Docker Hub's: token and access_token, 300 s", async () => {
    const r = await fetch(`${base}/token?service=${AUTH_SERVICE}&scope=repository:library/busybox:pull`)
    expect(r.status).toBe(200)
    const body = (await r.json()) as { token: string; access_token: string; expires_in: number; issued_at: string }
    expect(body.access_token).toBe(body.token)
    expect(body.expires_in).toBe(300)
    expect(body.issued_at).toBe('1970-01-01T00:16:40.000Z')
    expect(decodeClaims(body.token)).toMatchObject({ iss: AUTH_ISSUER, aud: AUTH_SERVICE, iat: 1000, nbf: 1000, exp: 1300 })
  })

  it('refuses another service (400) and any other path (404)', async () => {
    expect((await fetch(`${base}/token?service=registry.docker.io`)).status).toBe(400)
    expect((await fetch(`${base}/token`)).status).toBe(400)
    expect((await fetch(`${base}/v2/`)).status).toBe(404)
    expect((await fetch(`${base}/token?service=${AUTH_SERVICE}`, { method: 'POST' })).status).toBe(404)
  })
})
