// The token issuer, like auth.docker.io for anonymous pulls: anyone gets a token, but only with the
// `pull` action, whatever the scope asks for. Push tokens are never served (provisioning mints its
// own with the root-only key).

import type { KeyObject } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { AUTH_ISSUER, AUTH_SERVICE, TOKEN_PATH, TOKEN_SECONDS } from './addresses.js'
import { type Access, signToken } from './jwt.js'

const REPOSITORY = /^[a-z0-9]+(?:[._-][a-z0-9]+)*(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)*$/

/** `repository:library/busybox:pull,push` → pull only, for a well-formed repository name */
export function grantedAccess(scopes: string[]): Access[] {
  const granted: Access[] = []
  for (const scope of scopes) {
    const [type, name, actions] = [
      scope.slice(0, scope.indexOf(':')),
      scope.slice(scope.indexOf(':') + 1, scope.lastIndexOf(':')),
      scope.slice(scope.lastIndexOf(':') + 1),
    ]
    if (type !== 'repository' || !REPOSITORY.test(name)) continue
    if (actions.split(',').includes('pull')) granted.push({ type: 'repository', name, actions: ['pull'] })
  }
  return granted
}

export function tokenHandler(key: KeyObject, kid: string, now: () => number = () => Math.floor(Date.now() / 1000)) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const u = new URL(req.url ?? '/', 'http://auth')
    if (req.method !== 'GET' || u.pathname !== TOKEN_PATH) {
      answer(res, 404, { errors: [{ code: 'NOT_FOUND', message: 'only GET /token' }] })
      return
    }
    const service = u.searchParams.get('service')
    if (service !== AUTH_SERVICE) {
      answer(res, 400, {
        errors: [{ code: 'BAD_SERVICE', message: `unknown service ${service ?? '(none)'}; this issuer signs for ${AUTH_SERVICE}` }],
      })
      return
    }
    const iat = now()
    const token = signToken(
      {
        iss: AUTH_ISSUER,
        sub: '',
        aud: AUTH_SERVICE,
        exp: iat + TOKEN_SECONDS,
        nbf: iat,
        iat,
        access: grantedAccess(u.searchParams.getAll('scope')),
      },
      key,
      kid,
    )
    answer(res, 200, { token, access_token: token, expires_in: TOKEN_SECONDS, issued_at: new Date(iat * 1000).toISOString() })
  }
}

function answer(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' })
  res.end(`${JSON.stringify(body)}\n`)
}
