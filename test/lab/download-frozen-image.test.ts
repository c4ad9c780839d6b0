// scripts/download-frozen-image-v2 run for real against the lab registry (root: the services use
// the lab's state directory), plus a fake registry that sends wrong bytes or a schema 1 manifest.
import { execFile } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { AUTH, AUTH_SERVICE, IMAGES_LIST, REGISTRY, url } from '../../src/lab/registry/addresses.js'
import { leaveServices, useServices } from '../../src/lab/registry/services.js'

const SCRIPT = fileURLToPath(new URL('../../scripts/download-frozen-image-v2', import.meta.url))
const LAB = { REGISTRY_BASE: url(REGISTRY), AUTH_BASE: url(AUTH), AUTH_SERVICE }
const isRoot = process.getuid?.() === 0

const run = (args: string[], env: Record<string, string> = LAB): Promise<{ code: number; stdout: string; stderr: string }> =>
  new Promise(resolve => {
    execFile(SCRIPT, args, { env: { ...process.env, ...env } }, (err, stdout, stderr) => {
      resolve({ code: err ? Number(err.code ?? 1) : 0, stdout, stderr })
    })
  })

const sha256 = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex')
const tarList = (file: string): Promise<string[]> =>
  new Promise((resolve, reject) => {
    execFile('tar', ['tzf', file], (err, out) => (err ? reject(err) : resolve(out.split('\n').filter(Boolean))))
  })

const dirs: string[] = []
const tempDir = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'bl-dfi-'))
  dirs.push(d)
  return d
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

describe.skipIf(!isRoot)('download-frozen-image-v2 against the lab registry (root only: it starts the lab services)', () => {
  beforeAll(async () => {
    const used = await useServices()
    if (!used.ok) throw new Error(`the lab services did not start: ${JSON.stringify(used.problem)}`)
  })
  afterAll(async () => {
    await leaveServices()
  })

  // the manifest list's digest, as provisioning wrote it down
  const listDigest = (): string => {
    const m = /^library\/busybox:latest\s+(sha256:[0-9a-f]{64})/m.exec(readFileSync(IMAGES_LIST, 'utf8'))
    if (!m?.[1]) throw new Error(`no digest for library/busybox:latest in ${IMAGES_LIST}`)
    return m[1]
  }

  it.each([
    { arg: 'busybox', tags: ['busybox:latest'], layers: 1 },
    { arg: 'busybox:latest', tags: ['busybox:latest'], layers: 1 },
    { arg: 'library/busybox:2layer', tags: ['busybox:2layer'], layers: 2 },
    { arg: 'busybox@<list digest>', tags: [], layers: 1 },
  ])('pulls $arg into the docker save layout', async ({ arg, tags, layers }) => {
    const dir = tempDir()
    const r = await run([dir, arg.replace('<list digest>', listDigest())])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(new RegExp(`^Downloading 'library/busybox[^']*' \\(${layers} layers\\)\\.\\.\\.\\n`))
    const [entry, ...more] = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'))
    expect(more).toEqual([])
    expect(entry.RepoTags).toEqual(tags)
    expect(entry.Layers).toHaveLength(layers)
    expect(`${sha256(readFileSync(join(dir, entry.Config)))}.json`).toBe(entry.Config)
    // the ids are a chain: sha256(parent id + "\n" + layer digest + "\n")
    let parent = ''
    for (const layer of entry.Layers as string[]) {
      const id = sha256(`${parent}\nsha256:${sha256(readFileSync(join(dir, layer)))}\n`)
      expect(layer).toBe(`${id}/layer.tar`)
      expect(readFileSync(join(dir, id, 'VERSION'), 'utf8')).toBe('1.0\n')
      const json = JSON.parse(readFileSync(join(dir, id, 'json'), 'utf8'))
      expect(json.id).toBe(id)
      expect(json.parent).toBe(parent || undefined)
      parent = id
    }
    const top = JSON.parse(readFileSync(join(dir, parent, 'json'), 'utf8'))
    expect(top.architecture).toBe({ x64: 'amd64', arm64: 'arm64' }[process.arch as string])
    const repositories = JSON.parse(readFileSync(join(dir, 'repositories'), 'utf8'))
    expect(repositories).toEqual(tags.length ? { busybox: { [tags[0]!.split(':')[1]!]: parent } } : {})
    expect(readdirSync(dir).filter(f => f.startsWith('.'))).toEqual([])
    const files = await tarList(join(dir, entry.Layers[0]))
    expect(files).toContain('./bin/busybox')
    if (layers === 2) expect(await tarList(join(dir, entry.Layers[1]))).toEqual(expect.arrayContaining(['./opt/.wh.legacy', './etc/motd']))
  })

  it.each([
    { args: ['busybox:nosuchtag'], message: /library\/busybox:nosuchtag: HTTP 404 MANIFEST_UNKNOWN/ },
    // docker-registry answers an unknown repository like an unknown tag
    { args: ['nosuchimage'], message: /library\/nosuchimage:latest: HTTP 404 MANIFEST_UNKNOWN/ },
    { args: [`busybox@sha256:${'0'.repeat(64)}`], message: /library\/busybox@sha256:0{64}: HTTP 404 MANIFEST_UNKNOWN/ },
    { args: ['busybox@sha256:abc'], message: /busybox@sha256:abc: a digest is sha256: and 64 hex digits/ },
  ])('fails on $args.0 with the reason on stderr and no files left', async ({ args, message }) => {
    const dir = tempDir()
    const r = await run([dir, ...args])
    expect(r.code).not.toBe(0)
    expect(r.stderr).toMatch(message)
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
    expect(readdirSync(dir)).toEqual([])
  })
})

it.each([{ args: [] }, { args: ['/tmp/bl-dfi-unused'] }, { args: ['', 'busybox'] }])(
  'bad usage $args: the usage line, exit 1',
  async ({ args }) => {
    const r = await run(args)
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/^usage: download-frozen-image-v2 dir image\[:tag\]\[@digest\] \.\.\.\n/)
    expect(existsSync('/tmp/bl-dfi-unused')).toBe(false)
  },
)

describe('a fake registry that sends the wrong bytes', () => {
  let server: Server
  const [asked, sent] = ['{"os":"linux","architecture":"amd64"}', '{"os":"linux","architecture":"arm64"}']
  const manifest = JSON.stringify({ schemaVersion: 2, config: { digest: `sha256:${sha256(asked)}` }, layers: [] })
  const answers: Record<string, [string, Record<string, string>?]> = {
    latest: [manifest, { 'Content-Type': 'application/vnd.docker.distribution.manifest.v2+json' }],
    tampered: [manifest, { 'Docker-Content-Digest': `sha256:${'0'.repeat(64)}` }],
    old: ['{"schemaVersion":1}'],
  }
  beforeAll(async () => {
    server = createServer((req, res) => {
      const tag = /\/manifests\/(.*)$/.exec(req.url ?? '')?.[1]
      if (req.url?.startsWith('/token')) return res.end('{"token":"t"}')
      if (!tag) return res.end(sent)
      const [body, headers] = answers[tag] ?? ['']
      res.writeHead(200, headers).end(body)
    })
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  })
  afterAll(() => new Promise<void>(resolve => server.close(() => resolve())))

  it.each([
    { tag: 'latest', message: `sha256:${sha256(asked)}: the download has digest sha256:${sha256(sent)} instead` },
    { tag: 'tampered', message: `sha256:${'0'.repeat(64)}: the download has digest sha256:${sha256(manifest)} instead` },
    { tag: 'old', message: 'library/busybox:old: schema 1 manifests are not supported (too old; push the image again)' },
  ])('busybox:$tag: one line on stderr, exit 1, no file kept', async ({ tag, message }) => {
    const address = server.address()
    const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`
    const dir = tempDir()
    const r = await run([dir, `busybox:${tag}`], { REGISTRY_BASE: base, AUTH_BASE: base, AUTH_SERVICE: 'x' })
    expect(r.code).toBe(1)
    expect(r.stderr).toBe(`download-frozen-image-v2: ${message}\n`)
    expect(readdirSync(dir)).toEqual([])
  })
})
