import { describe, expect, it } from 'vitest'
import { groupLeftovers } from '../../src/lab/reset.js'

describe('groupLeftovers', () => {
  it('collects every container id by its exact names and ignores look-alikes', () => {
    const found = groupLeftovers({
      btrfsEntries: ['img_42001', 'img_42169', 'ps_42032', 'ps_42032x', 'myps_42032', 'img_4216', '.img_42001.partial'],
      netns: ['netns_ps_42100', 'netns_ps_foo', 'bl_host'],
      links: ['lo', 'eth0', 'bridge0', 'veth0_ps_42200', 'veth0_ps_4203', 'veth1_ps_42201', 'myveth0_ps_42202'],
      cgroupEntries: ['ps_42210', 'ps_42210', 'user.slice', 'ps_4221', 'cgroup.procs'],
      ledgerFiles: ['ps_42220.json', 'ps_42221x.json', 'notes.txt'],
    }, 'img_42001')
    expect(found.uuids).toEqual(['ps_42032', 'ps_42100', 'ps_42200', 'ps_42201', 'ps_42210', 'ps_42220'])
    expect(found.images).toEqual(['img_42169'])
    expect(found.ledger).toEqual(['ps_42220'])
  })
  it('finds nothing on a clean machine', () => {
    expect(groupLeftovers({ btrfsEntries: ['img_42001'], netns: [], links: ['lo', 'bridge0'], cgroupEntries: [], ledgerFiles: [] }, 'img_42001'))
      .toEqual({ uuids: [], images: [], ledger: [] })
  })
})
