// Registry bearer tokens: RS256 JWTs whose `kid` is the key id the registry computes from the
// certificate it trusts (libtrust's format), so it can pick the key without an x5c chain.
import { createHash, createPublicKey, createSign, type KeyObject, randomBytes } from 'node:crypto'

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'

export function base32(bytes: Uint8Array): string {
  let bits = 0
  let value = 0
  let out = ''
  for (const b of bytes) {
    value = (value << 8) | b
    bits += 8
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31]
      bits -= 5
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31]
  return out
}

/** libtrust: sha256 of the DER public key, first 30 bytes, base32, in groups of 4 joined by ':' */
export function libtrustKeyId(key: KeyObject): string {
  const der = createPublicKey(key).export({ type: 'spki', format: 'der' })
  const b32 = base32(createHash('sha256').update(der).digest().subarray(0, 30))
  return b32.match(/.{4}/g)!.join(':')
}

export interface Access {
  type: 'repository'
  name: string
  actions: string[]
}

export interface TokenClaims {
  iss: string
  sub: string
  aud: string
  exp: number
  nbf: number
  iat: number
  jti: string
  access: Access[]
}

const b64url = (data: string | Buffer): string => Buffer.from(data).toString('base64url')

export function signToken(claims: Omit<TokenClaims, 'jti'>, key: KeyObject, kid: string): string {
  const header = b64url(JSON.stringify({ typ: 'JWT', alg: 'RS256', kid }))
  const body = b64url(JSON.stringify({ ...claims, jti: randomBytes(16).toString('hex') }))
  const signature = createSign('RSA-SHA256').update(`${header}.${body}`).sign(key)
  return `${header}.${body}.${b64url(signature)}`
}

/** The claims inside a token, unchecked (what `jq` shows the learner). */
export function decodeClaims(token: string): TokenClaims {
  return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as TokenClaims
}
