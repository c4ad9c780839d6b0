// The lab's registry, token issuer and blob host as real processes, asked with curl the way the
// pull lesson asks them: Docker Hub's shape (401, bearer token, 307 to another host), loopback only.
import { execFileSync, spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AUTH_SERVICE, IMAGES_LIST } from '../../src/lab/registry/addresses.js'
import { decodeClaims } from '../../src/lab/registry/jwt.js'
import { leaveServices, listens, notPrepared, servicesRunning, useServices } from '../../src/lab/registry/services.js'
import { isRoot } from './support/helpers.js'

const REG = 'http://127.0.0.1:5000'
const AUTH = 'http://127.0.0.3:5001'
const LIST = 'application/vnd.docker.distribution.manifest.list.v2+json'
const V2 = 'application/vnd.docker.distribution.manifest.v2+json'

/** curl's status, headers (lower-cased names) and body */
function curl(
  url: string,
  headers: string[] = [],
  extra: string[] = [],
): { status: number; headers: Record<string, string>; body: string } {
  const args = ['-s', '-D', '-', ...headers.flatMap(h => ['-H', h]), ...extra, url]
  const raw = execFileSync('curl', args, { encoding: 'utf8' })
  const [head = '', ...rest] = raw.split('\r\n\r\n')
  const lines = head.split('\r\n')
  const headersOf = Object.fromEntries(
    lines.slice(1).map(l => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]),
  )
  return { status: Number(lines[0]!.split(' ')[1]), headers: headersOf, body: rest.join('\r\n\r\n') }
}
const token = (scope: string): string => JSON.parse(curl(`${AUTH}/token?service=${AUTH_SERVICE}&scope=${scope}`).body).token as string
const bearer = (t: string): string => `Authorization: Bearer ${t}`

const ready = isRoot && notPrepared() === undefined

describe.runIf(ready)('the lab registry, for real', () => {
  const images = ready ? readFileSync(IMAGES_LIST, 'utf8') : ''
  const digestOf = (ref: string): string =>
    new RegExp(`^${ref.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} (sha256:\\S+)`, 'm').exec(images)![1]!
  beforeAll(async () => {
    const used = await useServices()
    expect(used).toMatchObject({ ok: true })
  })
  afterAll(async () => {
    await leaveServices()
  })

  it('listens on loopback only: the registry, the token issuer and the blob host', () => {
    const ss = execFileSync('ss', ['-Hltnp'], { encoding: 'utf8' })
    const ours = servicesRunning().map(p => p.pid)
    const sockets = ss.split('\n').filter(l => ours.some(pid => l.includes(`pid=${pid},`)))
    const addresses = sockets.map(l => l.trim().split(/\s+/)[3]).sort()
    expect(addresses).toEqual(['127.0.0.1:5000', '127.0.0.2:5002', '127.0.0.3:5001'])
  })

  it('answers 401 without a token, with a Bearer challenge naming realm, service and scope', () => {
    for (const path of ['/v2/', '/v2/library/busybox/manifests/latest', '/v2/library/nothing/manifests/x']) {
      const r = curl(`${REG}${path}`)
      expect(r.status).toBe(401)
      expect(r.headers['www-authenticate']).toMatch(new RegExp(`^Bearer realm="${AUTH}/token",service="${AUTH_SERVICE}"`))
    }
    expect(curl(`${REG}/v2/library/busybox/manifests/latest`).headers['www-authenticate']).toContain(
      'scope="repository:library/busybox:pull"',
    )
  })

  it('gives anyone a pull token, never push, for the service it signs for only', () => {
    const t = token('repository:library/busybox:pull,push')
    expect(decodeClaims(t).access).toEqual([{ type: 'repository', name: 'library/busybox', actions: ['pull'] }])
    expect(decodeClaims(token('repository:library/busybox:push')).access).toEqual([])
    expect(curl(`${AUTH}/token?service=registry.docker.io&scope=repository:library/busybox:pull`).status).toBe(400)
    // a pull token cannot start an upload
    expect(curl(`${REG}/v2/library/busybox/blobs/uploads/`, [bearer(t)], ['-X', 'POST']).status).toBe(401)
  })

  it('serves the manifest list with the Accept headers, schema 1 without, and refuses a token for another repository', () => {
    const t = token('repository:library/busybox:pull')
    const list = curl(`${REG}/v2/library/busybox/manifests/latest`, [bearer(t), `Accept: ${LIST}`, `Accept: ${V2}`])
    expect(list.status).toBe(200)
    expect(list.headers['content-type']).toBe(LIST)
    expect(list.headers['docker-content-digest']).toBe(digestOf('library/busybox:latest'))
    expect(JSON.parse(list.body).manifests.map((m: { platform: { architecture: string } }) => m.platform.architecture)).toEqual([
      'amd64',
      'arm64',
    ])
    const v1 = JSON.parse(curl(`${REG}/v2/library/busybox/manifests/latest`, [bearer(t)]).body)
    expect(v1.schemaVersion).toBe(1)
    // Docker's empty layer for the CMD history entry comes along in schema 1
    expect(v1.fsLayers.map((l: { blobSum: string }) => l.blobSum)).toContain(
      'sha256:a3ed95caeb02ffe68cdd9fd84406680ae93d633cb16422d00e8a7c22955b46d4',
    )
    const other = curl(`${REG}/v2/library/busybox/manifests/latest`, [bearer(token('repository:library/other:pull'))])
    expect(other.status).toBe(401)
    expect(other.headers['www-authenticate']).toContain('error="insufficient_scope"')
  })

  it('redirects blobs (307) to the blob host, which serves the bytes whose sha256 is the digest, without the token', () => {
    const t = token('repository:library/busybox:pull')
    const manifest = JSON.parse(curl(`${REG}/v2/library/busybox/manifests/2layer`, [bearer(t), `Accept: ${V2}`]).body)
    for (const layer of manifest.layers as Array<{ digest: string }>) {
      const r = curl(`${REG}/v2/library/busybox/blobs/${layer.digest}`, [bearer(t)])
      expect(r.status).toBe(307)
      const hex = layer.digest.slice(7)
      expect(r.headers.location).toBe(`http://127.0.0.2:5002/docker/registry/v2/blobs/sha256/${hex.slice(0, 2)}/${hex}/data`)
      const bytes = execFileSync('curl', ['-sfL', '-H', bearer(t), `${REG}/v2/library/busybox/blobs/${layer.digest}`])
      expect(`sha256:${execFileSync('sha256sum', { input: bytes, encoding: 'utf8' }).split(' ')[0]}`).toBe(layer.digest)
      const verbose = spawnSync(
        'curl',
        ['-sv', '-L', '-o', '/dev/null', '-H', bearer(t), `${REG}/v2/library/busybox/blobs/${layer.digest}`],
        { encoding: 'utf8' },
      ).stderr
      expect(verbose.match(/^> Authorization/gm)).toHaveLength(1)
      expect(verbose).toMatch(/^> Host: 127\.0\.0\.2:5002/m)
    }
  })

  it('the blob host serves only blob paths', () => {
    for (const path of [
      '/',
      '/etc/passwd',
      '/docker/registry/v2/blobs/sha256/00/../../../../../etc/passwd',
      '/docker/registry/v2/repositories/library/busybox/_manifests/tags/latest/current/link',
    ]) {
      expect(curl(`http://127.0.0.2:5002${path}`, [], ['--path-as-is']).status).toBe(404)
    }
  })

  it('a second user joins the running services; they stop when the last user leaves', async () => {
    const procs = servicesRunning()
    expect(procs).toHaveLength(2)
    // this test process's parent stands in for a second lesson run
    expect((await useServices(process.ppid)).ok).toBe(true)
    expect(servicesRunning()).toEqual(procs)
    expect(await leaveServices(process.ppid)).toEqual([])
    expect(servicesRunning()).toEqual(procs)
    expect((await leaveServices()).map(p => p.name).sort()).toEqual(['hub', 'registry'])
    expect(servicesRunning()).toEqual([])
    expect(await listens({ host: '127.0.0.1', port: 5000 })).toBe(false)
  })
})
