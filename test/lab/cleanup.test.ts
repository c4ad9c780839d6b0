import { spawn } from 'node:child_process'
import { existsSync, writeFileSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { UsageError } from '../../src/core/errors.js'
import { assertUuid, cleanupContainer } from '../../src/lab/cleanup.js'
import { fakeHost } from '../support/fake-host.js'
import { type FakeMachine, fakeMachine } from './support/places.js'

const UUID = 'ps_42032'
let m: FakeMachine
beforeEach(() => {
  m = fakeMachine()
})
afterEach(() => m.remove())

const allOfIt = (): void => {
  m.file(`net/veth0_${UUID}`)
  m.file(`netns/netns_${UUID}`)
  m.dir(`cgroup/${UUID}`)
  m.dir(`btrfs/${UUID}/bin`)
}

describe('cleanupContainer', () => {
  it('removes veth, netns, cgroup and subvolume in that order, each reported as a value', async () => {
    allOfIt()
    const host = fakeHost([
      [`ip link del dev veth0_${UUID}`, { ok: true }],
      [`ip netns del netns_${UUID}`, { ok: true }],
      [/^btrfs subvolume delete /, { ok: true }],
    ])
    const removed = await cleanupContainer(UUID, { keepContainer: false, host, places: m })
    expect(removed).toEqual([
      { what: 'veth', name: `veth0_${UUID}`, ok: true },
      { what: 'netns', name: `netns_${UUID}`, ok: true },
      { what: 'cgroup', name: `${m.cgroupRoot}/${UUID}`, ok: true },
      { what: 'subvolume', name: `${m.btrfs}/${UUID}`, ok: true },
    ])
    expect(host.calls).toEqual([`ip link del dev veth0_${UUID}`, `ip netns del netns_${UUID}`, `btrfs subvolume delete ${m.btrfs}/${UUID}`])
  })

  it('asks nothing of the host when nothing is left', async () => {
    const host = fakeHost([])
    expect(await cleanupContainer(UUID, { keepContainer: false, host, places: m })).toEqual([])
    expect(host.calls).toEqual([])
  })

  it('skips an absent veth: veth1 only when it is still there', async () => {
    m.file(`net/veth1_${UUID}`)
    const host = fakeHost([[`ip link del dev veth1_${UUID}`, { ok: true }]])
    expect(await cleanupContainer(UUID, { keepContainer: false, host, places: m })).toEqual([
      { what: 'veth', name: `veth1_${UUID}`, ok: true },
    ])
    expect(host.calls).toEqual([`ip link del dev veth1_${UUID}`])
  })

  it("a failing `ip link del` is a Removed with ok false and the tool's own error, and the rest goes on", async () => {
    allOfIt()
    const host = fakeHost([
      [`ip link del dev veth0_${UUID}`, { code: 2, stderr: 'RTNETLINK answers: Operation not permitted\n' }],
      [`ip netns del netns_${UUID}`, { ok: true }],
      [/^btrfs subvolume delete /, { ok: true }],
    ])
    const removed = await cleanupContainer(UUID, { keepContainer: false, host, places: m })
    expect(removed[0]).toEqual({ what: 'veth', name: `veth0_${UUID}`, ok: false, reason: 'RTNETLINK answers: Operation not permitted' })
    expect(removed.map(r => r.what)).toEqual(['veth', 'netns', 'cgroup', 'subvolume'])
  })

  it('a subvolume that btrfs cannot delete (a plain directory) is removed with rm and still reported', async () => {
    m.dir(`btrfs/${UUID}/etc`)
    const host = fakeHost([[/^btrfs subvolume delete /, { code: 1, stderr: `ERROR: Not a Btrfs subvolume: ${m.btrfs}/${UUID}` }]])
    expect(await cleanupContainer(UUID, { keepContainer: false, host, places: m })).toEqual([
      { what: 'subvolume', name: `${m.btrfs}/${UUID}`, ok: true },
    ])
    expect(existsSync(`${m.btrfs}/${UUID}`)).toBe(false)
  })

  it('a cgroup that cannot be removed is reported with its reason, not thrown', async () => {
    m.file(`cgroup/${UUID}`) // a file, so rmdir fails with ENOTDIR
    const removed = await cleanupContainer(UUID, { keepContainer: false, host: fakeHost([]), places: m })
    expect(removed).toEqual([{ what: 'cgroup', name: `${m.cgroupRoot}/${UUID}`, ok: false, reason: expect.stringContaining('ENOTDIR') }])
  })

  it('keepContainer: network only; the cgroup and the subvolume stay', async () => {
    allOfIt()
    const host = fakeHost([[/^ip /, { ok: true }]])
    const removed = await cleanupContainer(UUID, { keepContainer: true, host, places: m })
    expect(removed.map(r => r.what)).toEqual(['veth', 'netns'])
    expect(existsSync(`${m.cgroupRoot}/${UUID}`)).toBe(true)
    expect(existsSync(`${m.btrfs}/${UUID}`)).toBe(true)
  })

  it("kills the processes in the container's cgroups first, and names them", async () => {
    const child = spawn('sleep', ['30'], { stdio: 'ignore' })
    const exited = new Promise(resolve => child.on('exit', (_code, signal) => resolve(signal)))
    writeFileSync(`${m.dir(`cgroup/${UUID}`)}/cgroup.procs`, `${child.pid}\n`)
    m.file(`net/veth0_${UUID}`)
    const removed = await cleanupContainer(UUID, { keepContainer: true, host: fakeHost([[/^ip /, { ok: true }]]), places: m })
    expect(removed).toEqual([
      { what: 'process', name: 'sleep', pid: child.pid, ok: true },
      { what: 'veth', name: `veth0_${UUID}`, ok: true },
    ])
    expect(await exited).toBe('SIGKILL')
    expect(existsSync(`${m.cgroupRoot}/${UUID}/cgroup.kill`)).toBe(false) // never created where the kernel has none
  })

  it('refuses anything that is not a container id, with a usage error in words', async () => {
    expect(() => assertUuid('ps_4203')).toThrow(UsageError)
    const thrown = ((): unknown => {
      try {
        assertUuid('*')
      } catch (e) {
        return e
      }
    })()
    expect(thrown).toMatchObject({ key: 'lab.notUuid', vars: { uuid: '*' } })
    await expect(cleanupContainer('../ps_42032', { keepContainer: false, host: fakeHost([]), places: m })).rejects.toThrow(UsageError)
  })
})
