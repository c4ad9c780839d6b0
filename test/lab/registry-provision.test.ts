// The lab registry for real, as root: provision.sh builds a whole lab into a temporary state dir inside
// a private network + mount namespace, so the host's lab, its registry and port 5000 are left alone.
// Offline there: the arm64 (or amd64) busybox .deb comes from the lab's .deb cache (/var/cache/bocker-learn/debs), as in the e2e tests.
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Ran, Sandbox, sh } from '../e2e/support/lab-shell.js'

const repo = new URL('../..', import.meta.url).pathname
const HOST_REG = '/var/lib/bocker-learn/registry'
const DEB_CACHE = '/var/cache/bocker-learn/debs'
const cachedDeb = existsSync(DEB_CACHE) && readdirSync(DEB_CACHE).some(f => f.startsWith('busybox-static_'))
const ready = process.getuid?.() === 0 && sh('command -v docker-registry').code === 0 && cachedDeb

const MT = {
  list: 'application/vnd.docker.distribution.manifest.list.v2+json',
  manifest: 'application/vnd.docker.distribution.manifest.v2+json',
  layer: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
}
const sha256 = (b: Buffer): string => `sha256:${createHash('sha256').update(b).digest('hex')}`
const changedLines = (out: string): string[] => out.split('\n').filter(l => l.startsWith('changed:'))

interface Descriptor {
  mediaType: string
  digest: string
  size: number
  platform?: { architecture: string; os: string; variant?: string }
}
interface Manifest {
  mediaType: string
  config: Descriptor
  layers: Descriptor[]
  manifests: Descriptor[]
}

describe.skipIf(!ready)('the lab registry, as provision.sh builds it', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'bl-registry-'))
  const reg = `${tmp}/state/registry`
  const env = {
    BOCKER_LEARN_STATE_DIR: `${tmp}/state`,
    BOCKER_LEARN_BTRFS_PATH: `${tmp}/bocker`,
    BOCKER_LEARN_MARKER: `${tmp}/etc/lab`,
    BOCKER_LEARN_DFI_BIN: `${tmp}/bin/download-frozen-image-v2`,
    BOCKER_LEARN_REGISTRY_ADDR: '127.0.0.1:5900',
  }
  let box: Sandbox
  let first: Ran
  const provision = (): Ran => box.sh(`bash ${repo}/scripts/provision.sh --no-persist --size 1G`, env)
  const images = (): Map<string, [string, string]> =>
    new Map(
      readFileSync(`${reg}/images.txt`, 'utf8')
        .trim()
        .split('\n')
        .map(l => l.split(' '))
        .map(([name, digest, mt]) => [name!, [digest!, mt!]]),
    )
  const blob = (digest: string): Buffer =>
    readFileSync(`${reg}/storage/docker/registry/v2/blobs/sha256/${digest.slice(7, 9)}/${digest.slice(7)}/data`)
  const json = (digest: string): Manifest => JSON.parse(blob(digest).toString()) as Manifest
  const tarList = (digest: string): string[] =>
    spawnSync('tar', ['-tzf', '-'], { input: blob(digest), encoding: 'utf8' })
      .stdout.trim()
      .split('\n')

  beforeAll(async () => {
    box = await Sandbox.open()
    first = provision()
  })
  afterAll(() => {
    box?.sh(`bash ${repo}/scripts/provision.sh --undo`, env)
    box?.close()
    rmSync(tmp, { recursive: true, force: true })
  })

  it('pushes latest (a manifest list), its amd64 and arm64 manifests and 2layer, and stops its registry', () => {
    expect(first.code, first.out + first.err).toBe(0)
    console.info(`provision from nothing, registry included: ${first.ms} ms`)
    expect(first.out).toMatch(/^changed: pushed library\/busybox:latest \(amd64 \+ arm64\/v8\) and :2layer/m)
    const list = images()
    expect([...list.keys()].sort()).toEqual([
      'library/busybox:2layer',
      'library/busybox:latest',
      'library/busybox@amd64',
      'library/busybox@arm64',
    ])
    expect(list.get('library/busybox:latest')![1]).toBe(MT.list)
    for (const name of ['library/busybox@amd64', 'library/busybox@arm64', 'library/busybox:2layer'])
      expect(list.get(name)![1]).toBe(MT.manifest)
    const platforms = json(list.get('library/busybox:latest')![0]).manifests.map(m => [m.digest, m.platform])
    expect(platforms).toEqual([
      [list.get('library/busybox@amd64')![0], { architecture: 'amd64', os: 'linux' }],
      [list.get('library/busybox@arm64')![0], { architecture: 'arm64', os: 'linux', variant: 'v8' }],
    ])
    expect(sh(`pgrep -f 'docker-registr[y] serve ${reg}/'`).out).toBe('')
    expect(readFileSync(`${reg}/config.yml`, 'utf8')).toContain('  addr: 127.0.0.1:5900\n')
    expect(sh(`stat -c %a ${reg}/key.pem`).out.trim()).toBe('600')
    if (existsSync(`${repo}/scripts/download-frozen-image-v2`)) expect(sh(`stat -c %a ${env.BOCKER_LEARN_DFI_BIN}`).out.trim()).toBe('755')
  })

  it('a second run changes nothing and says so', () => {
    const second = provision()
    expect(second.code, second.err).toBe(0)
    expect(changedLines(second.out)).toEqual([])
    expect(second.out).toContain('nothing to change')
  })

  it('every blob is stored under the sha256 of its bytes; layers unpack to their diff_ids', () => {
    const dir = `${reg}/storage/docker/registry/v2/blobs/sha256`
    const digests = readdirSync(dir).flatMap(d => readdirSync(`${dir}/${d}`).map(h => `sha256:${h}`))
    expect(digests.length).toBe(11) // 4 manifests (the list too), 3 configs, 4 layers
    for (const d of digests) expect(sha256(blob(d))).toBe(d)
    for (const name of ['library/busybox@amd64', 'library/busybox@arm64', 'library/busybox:2layer']) {
      const m = json(images().get(name)![0])
      const config = JSON.parse(blob(m.config.digest).toString()) as { created: string; rootfs: { diff_ids: string[] } }
      expect(config.created).toBe('1970-01-01T00:00:00Z')
      expect(m.layers.every(l => l.mediaType === MT.layer)).toBe(true)
      expect(config.rootfs.diff_ids).toEqual(m.layers.map(l => sha256(gunzipSync(blob(l.digest)))))
    }
  })

  it('2layer: layer 1 brings opt/legacy/README, layer 2 etc/motd and the whiteout opt/.wh.legacy', () => {
    const [one, two] = json(images().get('library/busybox:2layer')![0]).layers
    expect(tarList(one!.digest)).toEqual(expect.arrayContaining(['./bin/busybox', './bin/sh', './opt/legacy/README', './etc/passwd']))
    expect(tarList(two!.digest)).toEqual(['./', './etc/', './etc/motd', './opt/', './opt/.wh.legacy'])
  })

  it('rebuilt from scratch (new keys, empty storage), the digests are the same, and the same as the host lab', () => {
    const before = readFileSync(`${reg}/images.txt`, 'utf8')
    rmSync(`${reg}/storage`, { recursive: true })
    for (const f of ['images.txt', 'key.pem', 'cert.pem', 'config.yml']) rmSync(`${reg}/${f}`)
    const again = provision()
    expect(again.code, again.err).toBe(0)
    console.info(`registry rebuilt from scratch (.deb cached): ${again.ms} ms`)
    expect(readFileSync(`${reg}/images.txt`, 'utf8')).toBe(before)
    if (existsSync(`${HOST_REG}/images.txt`)) expect(readFileSync(`${HOST_REG}/images.txt`, 'utf8')).toBe(before)
  })

  it('--undo removes the registry directory', () => {
    const undo = box.sh(`bash ${repo}/scripts/provision.sh --undo`, env)
    expect(undo.code, undo.err).toBe(0)
    expect(undo.out).toContain(`changed: removed ${reg}`)
    expect(existsSync(reg)).toBe(false)
    expect(existsSync(env.BOCKER_LEARN_DFI_BIN)).toBe(false)
  })
})
