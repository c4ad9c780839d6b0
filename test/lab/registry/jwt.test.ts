import { execFileSync } from 'node:child_process'
import { createPublicKey, generateKeyPairSync, verify } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { base32, decodeClaims, libtrustKeyId, signToken } from '../../../src/lab/registry/jwt.js'

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })

describe('registry tokens', () => {
  it.each([
    ['', ''],
    ['f', 'MY'],
    ['fo', 'MZXQ'],
    ['foo', 'MZXW6'],
    ['foob', 'MZXW6YQ'],
    ['fooba', 'MZXW6YTB'],
    ['foobar', 'MZXW6YTBOI'],
  ])('base32(%j) is %j (RFC 4648, no padding)', (text, b32) => {
    expect(base32(Buffer.from(text))).toBe(b32)
  })

  it('computes the key id as provisioning does with openssl (the registry matches it against its certificate)', () => {
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string
    const byOpenssl = execFileSync(
      'bash',
      ['-c', 'openssl pkey -pubout -outform DER | openssl dgst -sha256 -binary | head -c 30 | base32 | tr -d = | fold -w4 | paste -sd:'],
      { input: pem, encoding: 'utf8' },
    ).trim()
    expect(libtrustKeyId(privateKey)).toBe(byOpenssl)
    expect(byOpenssl).toMatch(/^([A-Z2-7]{4}:){11}[A-Z2-7]{4}$/)
  })

  it('signs RS256 with the kid in the header; the claims read back', () => {
    const claims = {
      iss: 'i',
      sub: '',
      aud: 'a',
      exp: 2,
      nbf: 1,
      iat: 1,
      access: [{ type: 'repository' as const, name: 'library/busybox', actions: ['pull'] }],
    }
    const token = signToken(claims, privateKey, 'KID')
    const [header, body, signature] = token.split('.') as [string, string, string]
    expect(JSON.parse(Buffer.from(header, 'base64url').toString())).toEqual({ typ: 'JWT', alg: 'RS256', kid: 'KID' })
    expect(decodeClaims(token)).toMatchObject(claims)
    expect(decodeClaims(token).jti).toMatch(/^[0-9a-f]{32}$/)
    expect(verify('RSA-SHA256', Buffer.from(`${header}.${body}`), createPublicKey(privateKey), Buffer.from(signature, 'base64url'))).toBe(
      true,
    )
    expect(verify('RSA-SHA256', Buffer.from(`${header}.${body}x`), createPublicKey(privateKey), Buffer.from(signature, 'base64url'))).toBe(
      false,
    )
  })
})
