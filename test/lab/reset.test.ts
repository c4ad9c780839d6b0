import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { groupLeftovers, removeStaleSessionDirs, runReset } from '../../src/lab/reset.js'
import { fakeHost } from '../support/fake-host.js'
import { type FakeMachine, fakeMachine } from './support/places.js'

let m: FakeMachine
beforeEach(() => {
  m = fakeMachine()
})
afterEach(() => m.remove())

describe('groupLeftovers', () => {
  it('collects every container id by its exact names and ignores look-alikes', () => {
    const found = groupLeftovers(
      {
        btrfsEntries: ['img_42001', 'img_42169', 'ps_42032', 'ps_42032x', 'myps_42032', 'img_4216', '.img_42001.partial'],
        netns: ['netns_ps_42100', 'netns_ps_foo', 'bl_host'],
        links: ['lo', 'eth0', 'bridge0', 'veth0_ps_42200', 'veth0_ps_4203', 'veth1_ps_42201', 'myveth0_ps_42202'],
        cgroupEntries: ['ps_42210', 'ps_42210', 'user.slice', 'ps_4221', 'cgroup.procs'],
        ledgerFiles: ['ps_42220.json', 'ps_42221x.json', 'notes.txt'],
      },
      'img_42001',
    )
    expect(found.uuids).toEqual(['ps_42032', 'ps_42100', 'ps_42200', 'ps_42201', 'ps_42210', 'ps_42220'])
    expect(found.images).toEqual(['img_42169'])
    expect(found.ledger).toEqual(['ps_42220'])
  })
  it('finds nothing on a clean machine', () => {
    expect(
      groupLeftovers({ btrfsEntries: ['img_42001'], netns: [], links: ['lo', 'bridge0'], cgroupEntries: [], ledgerFiles: [] }, 'img_42001'),
    ).toEqual({ uuids: [], images: [], ledger: [] })
  })
})

describe('runReset', () => {
  it('cleans each container, then the ledger entries, then the images, skipping the base image and look-alikes', async () => {
    m.dir('btrfs/ps_42100')
    m.dir('btrfs/img_42001')
    m.dir('btrfs/img_42169')
    m.dir('btrfs/ps_42100x')
    m.file('netns/netns_ps_42101')
    m.file('runs/ps_42101.json', '{}')
    const host = fakeHost([
      [/^btrfs subvolume delete /, { ok: true }],
      [/^ip netns del /, { ok: true }],
    ])
    const removed = await runReset({ images: true, only: () => true, host, places: m })
    expect(removed).toEqual([
      { what: 'subvolume', name: `${m.btrfs}/ps_42100`, ok: true },
      { what: 'netns', name: 'netns_ps_42101', ok: true },
      { what: 'ledger-entry', name: `${m.ledgerDir}/ps_42101.json`, ok: true },
      { what: 'image', name: `${m.btrfs}/img_42169`, ok: true },
    ])
    expect(existsSync(`${m.ledgerDir}/ps_42101.json`)).toBe(false)
    expect(host.calls).not.toContain(`btrfs subvolume delete ${m.btrfs}/img_42001`)
  })

  it('leaves images alone without --images, and names outside `only` alone', async () => {
    m.dir('btrfs/img_42169')
    m.dir('btrfs/ps_42100')
    const host = fakeHost([[/^btrfs subvolume delete /, { ok: true }]])
    expect(await runReset({ images: false, only: name => name !== 'ps_42100', host, places: m })).toEqual([])
    expect(host.calls).toEqual([])
  })

  it('an image btrfs cannot delete falls back to rm', async () => {
    m.dir('btrfs/img_42169/bin')
    const host = fakeHost([[/^btrfs subvolume delete /, { code: 1, stderr: 'ERROR: Not a Btrfs subvolume' }]])
    expect(await runReset({ images: true, only: () => true, host, places: m })).toEqual([
      { what: 'image', name: `${m.btrfs}/img_42169`, ok: true },
    ])
    expect(existsSync(`${m.btrfs}/img_42169`)).toBe(false)
  })
})

describe('removeStaleSessionDirs', () => {
  it('removes the step files of dead runs only', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bl-sessions-'))
    try {
      const dead = join(dir, 'bocker-learn-999999999-abc') // above any pid_max
      const live = join(dir, `bocker-learn-${process.pid}-def`)
      const other = join(dir, 'bocker-learnx-1-ghi')
      for (const d of [dead, live, other]) mkdirSync(d)
      expect(await removeStaleSessionDirs([dir])).toEqual([{ what: 'session-dir', name: dead, ok: true }])
      expect([dead, live, other].map(existsSync)).toEqual([false, true, true])
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
