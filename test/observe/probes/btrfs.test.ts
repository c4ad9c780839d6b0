import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { describe, expect, it } from 'vitest'
import { MACHINE } from '../../../src/lab/paths.js'
import { filesOfInterest, listSubvolumes, parseSubvolumeList, readBtrfs, withListing } from '../../../src/observe/probes/btrfs.js'
import { fixture } from '../../fixtures/probes/load.js'
import { fakeHost } from '../../support/fake-host.js'

describe('parseSubvolumeList (btrfs subvolume list -u -q, btrfs-progs 6.2)', () => {
  it('reads id, name, uuid and the parent uuid a snapshot carries', () => {
    expect(parseSubvolumeList(fixture('debian12/btrfs-subvolume-list-uq.txt'))).toEqual([
      { id: 256, name: 'img_42001', uuid: '41794ea0-b3f6-474d-a55f-c219ffc98fe5' },
      { id: 260, name: 'ps_42250', uuid: '23f9fb7a-5c03-f143-a5e5-3cc83a2b9dde', parentUuid: '41794ea0-b3f6-474d-a55f-c219ffc98fe5' },
    ])
  })

  it('reads an empty filesystem as no subvolumes', () => {
    expect(parseSubvolumeList('')).toEqual([])
  })
})

describe('filesOfInterest', () => {
  it('looks at what bocker writes in a container and what an image says about itself', () => {
    expect(filesOfInterest('ps_42250')).toEqual(['etc/resolv.conf', 'ps_42250.cmd', 'ps_42250.log'])
    expect(filesOfInterest('img_42001')).toEqual(['img.source'])
  })
})

describe('listSubvolumes (btrfs answered from a table)', () => {
  const list = 'btrfs subvolume list -u -q /var/bocker'
  const answered = (): ReturnType<typeof fakeHost> => fakeHost([[list, { stdout: fixture('debian12/btrfs-subvolume-list-uq.txt') }]])

  it('as root: reads the listing once, and again only when the subvolumes seen change', async () => {
    const host = answered()
    const first = await listSubvolumes({ host, root: true }, '/var/bocker', 'img_42001@1 ps_42250@2')
    expect(first?.map(s => s.name)).toEqual(['img_42001', 'ps_42250'])
    expect(await listSubvolumes({ host, root: true }, '/var/bocker', 'img_42001@1 ps_42250@2')).toBe(first)
    expect(host.calls).toHaveLength(1)
    await listSubvolumes({ host, root: true }, '/var/bocker', 'img_42001@1 ps_42250@3') // ps_42250 made again
    expect(host.calls).toHaveLength(2)
  })

  it('not root: does not try (the ioctl behind it is root-only)', async () => {
    const host = answered()
    expect(await listSubvolumes({ host, root: false }, '/var/bocker', 'k')).toBeUndefined()
    expect(host.calls).toEqual([])
  })

  it('btrfs failing or missing: no listing', async () => {
    const failing = fakeHost([[list, { code: 1, stderr: 'ERROR: not a btrfs filesystem' }]])
    expect(await listSubvolumes({ host: failing, root: true }, '/var/bocker', 'k')).toBeUndefined()
    const missing = fakeHost([[list, { code: 127 }]])
    expect(await listSubvolumes({ host: missing, root: true }, '/var/bocker', 'k')).toBeUndefined()
  })
})

describe('withListing', () => {
  const found = [
    { name: 'img_42001', files: {} },
    { name: 'ps_42250', files: {} },
  ]

  it('names the subvolume a snapshot was taken from', () => {
    const [img, ps] = withListing(found, parseSubvolumeList(fixture('debian12/btrfs-subvolume-list-uq.txt')))
    expect(img).toEqual({ name: 'img_42001', files: {}, id: 256, uuid: '41794ea0-b3f6-474d-a55f-c219ffc98fe5' })
    expect(ps).toMatchObject({ name: 'ps_42250', id: 260, snapshotOf: 'img_42001' })
  })

  it('without a listing, only names and files', () => {
    expect(withListing(found, undefined)).toEqual(found)
  })
})

describe('readBtrfs', () => {
  it('a directory that is not a btrfs: not mounted, and btrfs is never run', async () => {
    const dir = mkdtempSync(`${tmpdir()}/bl-fixture-btrfs-`)
    try {
      mkdirSync(`${dir}/ps_42250`)
      const host = fakeHost([])
      expect(await readBtrfs({ host, root: true, places: { ...MACHINE, btrfs: dir } })).toEqual({
        root: dir,
        mounted: false,
        listed: false,
        subvolumes: [],
      })
      expect(host.calls).toEqual([])
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
