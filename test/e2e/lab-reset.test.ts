// Cleanup and reset for real, as root. Container leftovers use ids ps_999NN, outside bocker's shuf
// range (42002-42254), and reset is limited to them, so colleagues' containers are left alone.
import { spawn } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { afterAll, describe, expect, it } from 'vitest'
import { cleanupContainer } from '../../src/lab/cleanup.js'
import { BASE_IMAGE, BTRFS_PATH, LEDGER_DIR } from '../../src/lab/paths.js'
import { findLeftovers, runReset } from '../../src/lab/reset.js'
import { sh, sleep } from './support/lab-shell.js'

const isRoot = process.getuid?.() === 0
const measured: string[] = []
afterAll(() => {
  if (measured.length > 0) console.info(`lab e2e timings:\n  ${measured.join('\n  ')}`)
})

describe.skipIf(!isRoot)('cleanup and reset (real)', () => {
  const FULL = 'ps_99901' // everything bocker leaves when interrupted mid-run
  const HALF = 'ps_99902' // what `bocker rm` leaves because of the cgdelete bug, plus a ledger entry
  const KEPT = 'ps_99903' // for cleanupContainer(keepContainer: true)
  const IMAGE = 'img_99904'
  const ours = new Set([FULL, HALF, KEPT, IMAGE])
  const v2Root = sh('stat -fc %T /sys/fs/cgroup').out.trim() === 'cgroup2fs' ? '/sys/fs/cgroup' : '/sys/fs/cgroup/unified'
  const v1 = v2Root === '/sys/fs/cgroup/unified'
  const cgroupDirs = (uuid: string): string[] => [
    ...(v1 ? ['cpu', 'cpuacct', 'memory'].map(c => `/sys/fs/cgroup/${c}/${uuid}`) : []),
    ...(existsSync(v2Root) ? [`${v2Root}/${uuid}`] : []),
  ]
  const decoys = {
    subvolumes: ['ps_99901x', 'myps_99901', 'img_99904x'].map(n => `${BTRFS_PATH}/${n}`),
    cgroups: [...(v1 ? ['/sys/fs/cgroup/cpu/ps_99901x', '/sys/fs/cgroup/memory/myps_99901'] : []), `${v2Root}/ps_99901x`],
    ledger: `${LEDGER_DIR}/ps_99901x.json`,
  }

  async function makeContainer(uuid: string): Promise<number> {
    const made = sh(`set -e
      ip link add dev veth0_${uuid} type veth peer name veth1_${uuid}
      ip link set dev veth0_${uuid} up master bridge0
      ip netns add netns_${uuid}
      ip link set veth1_${uuid} netns netns_${uuid}
      btrfs subvolume snapshot ${BTRFS_PATH}/${BASE_IMAGE} ${BTRFS_PATH}/${uuid} >/dev/null
      ${v1 ? `cgcreate -g cpu,cpuacct,memory:/${uuid}` : ''}
      mkdir -p ${v2Root}/${uuid}`)
    expect(made.code, made.err).toBe(0)
    const child = spawn('ip', ['netns', 'exec', `netns_${uuid}`, 'sleep', '300'], { stdio: 'ignore', detached: true })
    child.unref()
    const pid = child.pid!
    for (let i = 0; i < 100 && readFileSync(`/proc/${pid}/comm`, 'utf8').trim() !== 'sleep'; i++) await sleep(10)
    for (const dir of cgroupDirs(uuid)) writeFileSync(`${dir}/cgroup.procs`, String(pid))
    return pid
  }
  const alive = (pid: number): boolean => existsSync(`/proc/${pid}`) && !/ Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'))
  const leftoversOf = (uuid: string): string[] =>
    [
      `/sys/class/net/veth0_${uuid}`,
      `/sys/class/net/veth1_${uuid}`,
      `/run/netns/netns_${uuid}`,
      `${BTRFS_PATH}/${uuid}`,
      ...cgroupDirs(uuid),
    ].filter(p => existsSync(p))

  function makeDecoys(): void {
    const r = sh(`set -e
      ${decoys.subvolumes.map(p => `btrfs subvolume create ${p} >/dev/null`).join('\n')}
      ip netns add netns_ps_foo
      ip link add dev veth0_ps_9990 type veth peer name myps_99901
      mkdir -p ${decoys.cgroups.join(' ')} ${LEDGER_DIR}
      echo '{}' > ${decoys.ledger}`)
    expect(r.code, r.err).toBe(0)
  }
  const decoysPresent = (): boolean =>
    [
      ...decoys.subvolumes,
      ...decoys.cgroups,
      decoys.ledger,
      '/run/netns/netns_ps_foo',
      '/sys/class/net/veth0_ps_9990',
      '/sys/class/net/myps_99901',
    ].every(existsSync)

  afterAll(async () => {
    for (const uuid of [FULL, HALF, KEPT]) await cleanupContainer(uuid, { keepContainer: false }).catch(() => [])
    sh(`for p in ${decoys.subvolumes.join(' ')} ${BTRFS_PATH}/${IMAGE}; do [ -d $p ] && btrfs subvolume delete $p >/dev/null; done
      ip netns del netns_ps_foo; ip link del dev veth0_ps_9990; rmdir ${decoys.cgroups.join(' ')}
      rm -f ${decoys.ledger} ${LEDGER_DIR}/${HALF}.json ${LEDGER_DIR}/${FULL}.json`)
  })

  it('cleanupContainer kills the container and removes its network, keeping cgroups and subvolume when asked', async () => {
    const pid = await makeContainer(KEPT)
    const kept = await cleanupContainer(KEPT, { keepContainer: true })
    expect(kept).toContainEqual({ what: 'process', name: 'sleep', pid, ok: true })
    expect(kept).toContainEqual({ what: 'veth', name: `veth0_${KEPT}`, ok: true })
    expect(kept).toContainEqual({ what: 'netns', name: `netns_${KEPT}`, ok: true })
    expect(alive(pid)).toBe(false)
    expect(leftoversOf(KEPT)).toEqual([`${BTRFS_PATH}/${KEPT}`, ...cgroupDirs(KEPT)])

    const removed = await cleanupContainer(KEPT, { keepContainer: false })
    expect(removed).toEqual([
      ...cgroupDirs(KEPT).map(d => ({ what: 'cgroup', name: d, ok: true })),
      { what: 'subvolume', name: `${BTRFS_PATH}/${KEPT}`, ok: true },
    ])
    expect(leftoversOf(KEPT)).toEqual([])
    expect(await cleanupContainer(KEPT, { keepContainer: false })).toEqual([])
  }, 20_000)

  it('reset removes every leftover by exact name and leaves look-alike decoys alone', async () => {
    makeDecoys()
    const pid = await makeContainer(FULL)
    const half = sh(`set -e; btrfs subvolume snapshot ${BTRFS_PATH}/${BASE_IMAGE} ${BTRFS_PATH}/${HALF} >/dev/null
      ${v1 ? `mkdir /sys/fs/cgroup/cpuacct/${HALF} /sys/fs/cgroup/memory/${HALF}` : `mkdir ${v2Root}/${HALF}`}
      echo '{"pid":1,"startedAt":"2026-01-01T00:00:00Z","ip":"10.0.0.2","lesson":"bocker_run"}' > ${LEDGER_DIR}/${HALF}.json
      btrfs subvolume snapshot ${BTRFS_PATH}/${BASE_IMAGE} ${BTRFS_PATH}/${IMAGE} >/dev/null`)
    expect(half.code, half.err).toBe(0)

    const found = await findLeftovers()
    expect(found.uuids).toEqual(expect.arrayContaining([FULL, HALF]))
    expect(found.ledger).toContain(HALF)
    expect(found.images).toContain(IMAGE)
    expect(found.images).not.toContain(BASE_IMAGE)
    for (const name of [...found.uuids, ...found.ledger]) expect(name).toMatch(/^ps_\d{5}$/)

    const start = performance.now()
    const removed = await runReset({ images: true, only: name => ours.has(name) })
    measured.push(`reset of 2 containers + 1 image: ${Math.round(performance.now() - start)} ms`)
    for (const r of removed) expect(r.what === 'process' || [...ours].some(n => r.name.includes(n)), JSON.stringify(r)).toBe(true)
    expect(removed).toContainEqual({ what: 'process', name: 'sleep', pid, ok: true })
    expect(removed).toContainEqual({ what: 'ledger-entry', name: `${LEDGER_DIR}/${HALF}.json`, ok: true })
    expect(removed).toContainEqual({ what: 'image', name: `${BTRFS_PATH}/${IMAGE}`, ok: true })
    expect(alive(pid)).toBe(false)
    expect(leftoversOf(FULL)).toEqual([])
    expect(leftoversOf(HALF)).toEqual([])
    expect(existsSync(`${LEDGER_DIR}/${HALF}.json`)).toBe(false)
    expect(existsSync(`${BTRFS_PATH}/${IMAGE}`)).toBe(false)
    expect(existsSync(`${BTRFS_PATH}/${BASE_IMAGE}/bin/sh`)).toBe(true)
    expect(decoysPresent()).toBe(true)

    expect(await runReset({ images: true, only: name => ours.has(name) })).toEqual([])
  }, 30_000)
})
