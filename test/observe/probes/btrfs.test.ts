import { describe, expect, it } from 'vitest'
import { filesOfInterest, parseSubvolumeList } from '../../../src/observe/probes/btrfs.js'
import { fixture } from '../../fixtures/probes/load.js'

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
