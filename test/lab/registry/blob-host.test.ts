import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type RequestListener, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { blobHandler } from '../../../src/lab/registry/blob-host.js'

const HEX = 'ab'.padEnd(64, '0')

describe('the blob host', () => {
  const storage = mkdtempSync(join(tmpdir(), 'bl-blobs-'))
  let server: Server
  let base = ''
  beforeAll(async () => {
    mkdirSync(`${storage}/docker/registry/v2/blobs/sha256/ab/${HEX}`, { recursive: true })
    writeFileSync(`${storage}/docker/registry/v2/blobs/sha256/ab/${HEX}/data`, 'layer bytes')
    writeFileSync(`${storage}/secret`, 'not a blob')
    server = createServer(blobHandler(storage) as RequestListener)
    await new Promise<void>(r => server.listen(0, '127.0.0.1', r))
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterAll(() => {
    server.close()
    rmSync(storage, { recursive: true, force: true })
  })

  it('serves a stored blob at the path the registry redirects to', async () => {
    const r = await fetch(`${base}/docker/registry/v2/blobs/sha256/ab/${HEX}/data`)
    expect(r.status).toBe(200)
    expect(await r.text()).toBe('layer bytes')
    expect((await fetch(`${base}/docker/registry/v2/blobs/sha256/ab/${HEX}/data`, { method: 'HEAD' })).headers.get('content-length')).toBe(
      '11',
    )
  })

  it.each([
    '/secret',
    `/docker/registry/v2/blobs/sha256/cd/${HEX}/data`,
    `/docker/registry/v2/blobs/sha256/ab/${'cd'.padEnd(64, '0')}/data`,
    '/docker/registry/v2/blobs/sha256/ab/../../../../../secret',
    `/docker/registry/v2/blobs/sha256/ab/${HEX}/data/..`,
  ])('404 for %s', async path => {
    expect((await fetch(`${base}${path}`)).status).toBe(404)
  })

  it('refuses writes', async () => {
    expect((await fetch(`${base}/docker/registry/v2/blobs/sha256/ab/${HEX}/data`, { method: 'PUT', body: 'x' })).status).toBe(404)
  })
})
