// The lab for real, as root: provision.sh, `setup` and doctor.
// Destructive steps (unmount /var/bocker, delete bridge0, build a lab from nothing) run in a private
// network + mount namespace, so colleagues' containers on this machine keep running; the kernel state
// the doctor reads there is just as real.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import doctorCommand from '../../src/commands/doctor.js'
import setupCommand from '../../src/commands/setup.js'
import { type DoctorCheck, runDoctor } from '../../src/lab/doctor.js'
import { BASE_IMAGE, BTRFS_PATH } from '../../src/lab/paths.js'
import { PROVISION_SCRIPT } from '../../src/lab/setup.js'
import { type Ran, Sandbox, sh } from './support/lab-shell.js'

const isRoot = process.getuid?.() === 0
const measured: string[] = []
afterAll(() => {
  if (measured.length > 0) console.info(`lab e2e timings:\n  ${measured.join('\n  ')}`)
})

const changedLines = (out: string): string[] => out.split('\n').filter(l => l.startsWith('changed:'))
const byId = (checks: DoctorCheck[]): Record<string, boolean> => Object.fromEntries(checks.map(c => [c.id, c.ok]))

describe.skipIf(!isRoot)('provision.sh (real)', () => {
  const hostState = (): string =>
    sh(`findmnt -n -o SOURCE,FSTYPE ${BTRFS_PATH}; ip -4 -o addr show dev bridge0 | awk '{print $4}';
    ip -o link show dev bridge0 | grep -o '<[^>]*>'; cat /etc/fstab; ls -A ${BTRFS_PATH}/${BASE_IMAGE}; cat /etc/bocker-learn/lab;
    cat /var/lib/bocker-learn/provision.record 2>/dev/null; ip link show | grep -c . ; iptables -t nat -S 2>/dev/null | grep -c MASQUERADE`)
      .out

  it("adopts this machine's lab; a second run changes nothing and says so", () => {
    const first = sh(`bash ${PROVISION_SCRIPT}`)
    expect(first.code, first.err).toBe(0)
    const before = hostState()
    const second = sh(`bash ${PROVISION_SCRIPT}`)
    measured.push(`provision on the provisioned host (no-op): ${second.ms} ms`)
    expect(second.code, second.err).toBe(0)
    expect(changedLines(second.out)).toEqual([])
    expect(second.out).toContain('nothing to change')
    expect(hostState()).toBe(before)
  })

  it('`bocker-learn setup` runs provision.sh and relays what it says', async () => {
    const out: string[] = []
    const err: string[] = []
    expect(await setupCommand.run([], { lang: 'en', out: l => out.push(l), err: l => err.push(l) })).toBe('done')
    expect(out).toContain('provision: nothing to change (lab already set up)')
  })

  it('builds a lab from nothing, leaves it alone the second time, and undoes it', async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'bl-prov-'))
    const env = { BOCKER_LEARN_STATE_DIR: `${tmp}/state`, BOCKER_LEARN_BTRFS_PATH: `${tmp}/bocker`, BOCKER_LEARN_MARKER: `${tmp}/etc/lab` }
    const box = await Sandbox.open()
    try {
      const state = (): string =>
        box.sh(`findmnt -n -o FSTYPE ${tmp}/bocker; ip -4 -o addr show dev bridge0 | awk '{print $4}';
        ip -o link show dev bridge0 | grep -o '<[^>]*>'; ls -A ${tmp}/bocker ${tmp}/bocker/${BASE_IMAGE}; cat ${tmp}/etc/lab ${tmp}/state/provision.record`)
          .out
      const first = box.sh(`bash ${PROVISION_SCRIPT} --no-persist --size 1G`, env)
      measured.push(`provision from nothing (loop file, mkfs, bridge, busybox image): ${first.ms} ms`)
      expect(first.code, first.err).toBe(0)
      expect(first.out).toContain(`changed: created ${tmp}/state/bocker.img (1G sparse, btrfs)`)
      expect(first.out).toContain('changed: created bridge0')
      expect(first.out).toContain(`changed: built base image ${tmp}/bocker/${BASE_IMAGE}`)
      const after1 = state()
      expect(after1).toMatch(/^btrfs\n10\.0\.0\.1\/24\n<[^>]*\bUP\b/)
      const image = `/proc/${box.pid}/root${tmp}/bocker/${BASE_IMAGE}` // mounted in the sandbox only
      expect(readlinkSync(`${image}/bin/sh`)).toBe('/bin/busybox')
      expect(readFileSync(`${image}/img.source`, 'utf8').trim()).toBe('busybox-static (bocker-learn base image)')

      const second = box.sh(`bash ${PROVISION_SCRIPT} --no-persist --size 1G`, env)
      measured.push(`provision second run: ${second.ms} ms`)
      expect(second.code, second.err).toBe(0)
      expect(changedLines(second.out)).toEqual([])
      expect(second.out).toContain('nothing to change')
      expect(state()).toBe(after1)

      const undo = box.sh(`bash ${PROVISION_SCRIPT} --undo`, env)
      expect(undo.code, undo.err).toBe(0)
      expect(undo.out).toContain('changed: deleted bridge0')
      expect(existsSync(`${tmp}/state/bocker.img`)).toBe(false)
      expect(existsSync(`${tmp}/bocker`)).toBe(false)
      expect(box.sh('ip link show dev bridge0').code).not.toBe(0)
      expect(sh(`losetup -n -j ${tmp}/state/bocker.img`).out).toBe('')
      expect(box.sh(`bash ${PROVISION_SCRIPT} --undo`, env).out).toContain('nothing to undo')
    } finally {
      box.close()
      rmSync(tmp, { recursive: true, force: true })
    }
  }, 30_000)

  it('--debian-image with an unreachable mirror: refuses and leaves no image, half-built or not', async () => {
    // a sandbox network namespace has no way out: debootstrap fails without sending anything anywhere
    const tmp = mkdtempSync(join(tmpdir(), 'bl-debian-'))
    const env = {
      BOCKER_LEARN_STATE_DIR: `${tmp}/state`,
      BOCKER_LEARN_BTRFS_PATH: `${tmp}/bocker`,
      BOCKER_LEARN_MARKER: `${tmp}/etc/lab`,
      BOCKER_LEARN_DEBIAN_MIRROR: 'http://127.0.0.1:9/debian',
    }
    const box = await Sandbox.open()
    try {
      const r = box.sh(`bash ${PROVISION_SCRIPT} --no-persist --size 1G --debian-image`, env)
      expect(r.code, r.out + r.err).toBe(3)
      const hasDebootstrap = sh('command -v debootstrap').code === 0
      expect(r.err.trim().split('\n').at(-1)).toMatch(
        hasDebootstrap
          ? /^provision: refusing: --debian-image: debootstrap could not build .*\/img_42002 \(is the mirror reachable/
          : /^provision: refusing: --debian-image needs debootstrap; run with --packages --debian-image$/,
      )
      expect(box.sh(`ls -A ${tmp}/bocker`).out.split('\n').filter(Boolean)).toEqual([BASE_IMAGE])
      expect(box.sh(`chroot ${tmp}/bocker/${BASE_IMAGE} /bin/sh -c 'echo sh runs'`).out).toBe('sh runs\n')
    } finally {
      box.sh(`bash ${PROVISION_SCRIPT} --undo`, env)
      box.close()
      rmSync(tmp, { recursive: true, force: true })
    }
  }, 60_000)

  it('refuses, in one line and without changing anything, when the machine is not safe to take', async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'bl-refuse-'))
    const env = { BOCKER_LEARN_STATE_DIR: `${tmp}/state`, BOCKER_LEARN_BTRFS_PATH: `${tmp}/bocker`, BOCKER_LEARN_MARKER: `${tmp}/etc/lab` }
    const box = await Sandbox.open()
    const refusal = (setup: string, undo: string): Ran => {
      expect(box.sh(setup).code).toBe(0)
      const r = box.sh(`bash ${PROVISION_SCRIPT} --no-persist`, env)
      box.sh(undo)
      expect(r.code).toBe(3)
      expect(r.err.trim().split('\n')).toHaveLength(1)
      expect(existsSync(`${tmp}/state/bocker.img`)).toBe(false)
      return r
    }
    try {
      expect(refusal('ip link add bridge0 type bridge && ip addr add 10.9.9.1/24 dev bridge0', 'ip link del bridge0').err).toMatch(
        /refusing: bridge0 exists with address 10\.9\.9\.1\/24 instead of 10\.0\.0\.1\/24/,
      )
      expect(
        refusal(
          'ip link add bl_v0 type veth peer name bl_v1 && ip link set bl_v0 up && ip route add 10.0.0.0/8 dev bl_v0',
          'ip link del bl_v0',
        ).err,
      ).toMatch(/refusing: 10\.0\.0\.0\/24 is already routed via 10\.0\.0\.0\/8 dev bl_v0/)
      mkdirSync(`${tmp}/bocker`)
      writeFileSync(`${tmp}/bocker/precious`, 'not ours')
      expect(refusal('true', 'true').err).toMatch(/refusing: .*bocker is not empty and is not bocker-learn's btrfs/)
      expect(readFileSync(`${tmp}/bocker/precious`, 'utf8')).toBe('not ours')
    } finally {
      box.close()
      rmSync(tmp, { recursive: true, force: true })
    }
  }, 30_000)
})

describe.skipIf(!isRoot)('doctor (real)', () => {
  it('finds nothing missing on the provisioned machine; `bocker-learn doctor` exits 0', async () => {
    const start = performance.now()
    const checks = await runDoctor()
    measured.push(`runDoctor: ${Math.round(performance.now() - start)} ms`)
    expect(checks.filter(c => !c.ok)).toEqual([])
    const out: string[] = []
    expect(await doctorCommand.run(['--json'], { lang: 'ja', out: l => out.push(l), err: l => out.push(l) })).toBe('done')
    expect((JSON.parse(out.join('\n')) as DoctorCheck[]).map(c => c.id)).toEqual(checks.map(c => c.id))
  })

  it('flips exactly the check for each piece removed for real, and recovers after provision', async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'bl-doctor-'))
    const env = { BOCKER_LEARN_RECORD: `${tmp}/record` } // keep the host's record of what provision made intact
    const box = await Sandbox.open()
    try {
      const doctor = async (): Promise<Record<string, boolean>> => byId(await runDoctor({ nsPid: box.pid }))
      const made = box.sh(`bash ${PROVISION_SCRIPT} --no-persist`, env)
      expect(made.code, made.err).toBe(0)
      expect(made.out).toContain('changed: created bridge0') // a fresh network namespace has no bridge0
      const healthy = await doctor()
      expect(Object.values(healthy).every(Boolean)).toBe(true)

      expect(box.sh(`umount ${BTRFS_PATH}`).code).toBe(0)
      expect(await doctor()).toEqual({ ...healthy, 'btrfs-mount': false, 'btrfs-space': false, 'base-image': false })

      expect(box.sh('ip link del dev bridge0').code).toBe(0)
      expect(await doctor()).toEqual({ ...healthy, 'btrfs-mount': false, 'btrfs-space': false, 'base-image': false, bridge: false })

      const fixed = box.sh(`bash ${PROVISION_SCRIPT} --no-persist`, env)
      expect(fixed.code, fixed.err).toBe(0)
      expect(fixed.out).toContain(`changed: mounted /var/lib/bocker-learn/bocker.img on ${BTRFS_PATH}`)
      expect(fixed.out).toContain('changed: created bridge0')
      expect(await doctor()).toEqual(healthy)

      expect(box.sh('ip link set dev bridge0 down').code).toBe(0)
      const down = await runDoctor({ nsPid: box.pid })
      expect(down.find(c => c.id === 'bridge')).toMatchObject({
        ok: false,
        blocking: true,
        detail: { key: 'lab.doctor.bridge.down', vars: { bridge: 'bridge0', want: '10.0.0.1/24' } },
        fix: 'sudo bocker-learn setup',
      })
      expect(box.sh(`bash ${PROVISION_SCRIPT} --no-persist`, env).out).toContain('changed: set bridge0 up')
      expect(await doctor()).toEqual(healthy)

      expect(sh(`findmnt -n -o FSTYPE ${BTRFS_PATH}`).out.trim()).toBe('btrfs') // the host never noticed
    } finally {
      box.close()
      rmSync(tmp, { recursive: true, force: true })
    }
  }, 30_000)
})
