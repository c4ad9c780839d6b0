import { describe, expect, it } from 'vitest'
import { type DoctorCheck, runDoctor, SETUP, SETUP_PACKAGES } from '../../src/lab/doctor.js'
import { swapCheck } from '../../src/lab/doctor-checks.js'
import { type FakeAnswer, fakeHost } from '../support/fake-host.js'

const isRoot = process.getuid?.() === 0
const IP_V = 'ip utility, iproute2-6.1.0, libbpf 1.1.2\n'
const BRIDGE_UP =
  '[{"ifname":"bridge0","flags":["BROADCAST","MULTICAST","UP","LOWER_UP"],"addr_info":[{"family":"inet","local":"10.0.0.1","prefixlen":24}]}]'

// A healthy machine's answers; a test replaces the rows it is about (rows listed first win).
function machine(changes: [string | RegExp, FakeAnswer][] = []): ReturnType<typeof fakeHost> {
  return fakeHost([
    ...changes,
    ['ip -V', { stdout: IP_V }],
    ['btrfs --version', { stdout: 'btrfs-progs v6.2\n' }],
    ['unshare --version', { stdout: 'unshare from util-linux 2.38.1\n' }],
    [/^unshare --net sh -c /, { stdout: 'veth\nbridge\n' }],
    ['ip -j addr show dev bridge0', { stdout: BRIDGE_UP }],
  ])
}
const check = (checks: DoctorCheck[], id: string): DoctorCheck | undefined => checks.find(c => c.id === id)

describe('runDoctor with a table of tool answers', () => {
  it('names the tools by their own version line when they are there', async () => {
    const checks = await runDoctor({ host: machine() })
    expect(check(checks, 'tool-ip')).toMatchObject({ ok: true, detail: IP_V.trim() })
    expect(check(checks, 'tool-btrfs')).toMatchObject({ ok: true, detail: 'btrfs-progs v6.2' })
    expect(check(checks, 'tool-unshare')).toMatchObject({ ok: true, detail: { key: 'lab.doctor.unshare.ok', vars: { version: '2.38.1' } } })
    expect(check(checks, 'bridge')).toMatchObject({ ok: true, detail: { key: 'lab.doctor.bridge.ok' } })
  })

  it('a missing btrfs (127) is NG, blocking, with the packages fix', async () => {
    const checks = await runDoctor({ host: machine([['btrfs --version', { code: 127, stderr: 'spawn btrfs ENOENT' }]]) })
    expect(check(checks, 'tool-btrfs')).toEqual({
      id: 'tool-btrfs',
      ok: false,
      blocking: true,
      detail: { key: 'lab.doctor.toolMissing', vars: { tool: 'btrfs', package: 'btrfs-progs' } },
      fix: SETUP_PACKAGES,
    })
  })

  it('an old util-linux is NG; a missing unshare is named as missing', async () => {
    const old = await runDoctor({ host: machine([['unshare --version', { stdout: 'unshare from util-linux 2.23.2\n' }]]) })
    expect(check(old, 'tool-unshare')).toMatchObject({
      ok: false,
      blocking: true,
      detail: { key: 'lab.doctor.unshare.old', vars: { version: '2.23.2' } },
      fix: SETUP_PACKAGES,
    })
    const none = await runDoctor({ host: machine([['unshare --version', { code: 127 }]]) })
    expect(check(none, 'tool-unshare')).toMatchObject({ ok: false, detail: { key: 'lab.doctor.toolMissing', vars: { tool: 'unshare' } } })
  })

  it('reads bridge0 from ip: absent, down, or with another address', async () => {
    const absent = await runDoctor({
      host: machine([['ip -j addr show dev bridge0', { code: 1, stderr: 'Device "bridge0" does not exist.' }]]),
    })
    expect(check(absent, 'bridge')).toMatchObject({
      ok: false,
      detail: { key: 'lab.doctor.bridge.missing', vars: { bridge: 'bridge0' } },
      fix: SETUP,
    })
    const down = await runDoctor({ host: machine([['ip -j addr show dev bridge0', { stdout: BRIDGE_UP.replace('"UP",', '') }]]) })
    expect(check(down, 'bridge')).toMatchObject({ ok: false, detail: { key: 'lab.doctor.bridge.down' } })
    const other = await runDoctor({
      host: machine([['ip -j addr show dev bridge0', { stdout: BRIDGE_UP.replace('10.0.0.1', '10.9.0.1') }]]),
    })
    expect(check(other, 'bridge')).toMatchObject({
      ok: false,
      detail: { key: 'lab.doctor.bridge.otherAddress', vars: { has: '10.9.0.1/24' } },
    })
  })

  it("looks at bridge0 inside another process's namespaces through nsenter", async () => {
    const pid = process.pid // any live process will do: the answer comes from the table
    const host = machine([[`nsenter --target=${pid} --net --mount -- ip -j addr show dev bridge0`, { stdout: BRIDGE_UP }]])
    expect(check(await runDoctor({ host, nsPid: pid }), 'bridge')).toMatchObject({ ok: true })
    expect(host.calls).not.toContain('ip -j addr show dev bridge0')
  })

  it.skipIf(!isRoot)('as root, the throw-away namespace probe decides netns, veth and bridge', async () => {
    const refused = await runDoctor({
      host: machine([[/^unshare --net /, { code: 1, stderr: 'unshare: unshare failed: Operation not permitted\n' }]]),
    })
    expect(check(refused, 'kernel-netns')).toMatchObject({
      ok: false,
      detail: { key: 'lab.doctor.netns.no', vars: { error: 'unshare: unshare failed: Operation not permitted' } },
    })
    const noBridge = await runDoctor({ host: machine([[/^unshare --net /, { stdout: 'veth\n' }]]) })
    expect([check(noBridge, 'kernel-veth')?.ok, check(noBridge, 'kernel-bridge')?.ok]).toEqual([true, false])
    expect(check(noBridge, 'kernel-bridge')).toMatchObject({
      detail: { key: 'lab.doctor.device.no', vars: { kind: 'bridge' } },
      fix: { key: 'lab.doctor.fix.labVm' },
    })
  })

  it("every check is language-free: a key with values, or the host's own text", async () => {
    for (const c of await runDoctor({ host: machine() })) {
      for (const p of [c.detail, c.fix]) if (p !== undefined && typeof p !== 'string') expect(p.key, c.id).toMatch(/^lab\.doctor\./)
    }
  })
})

describe('the swap check', () => {
  it.each([
    ['Filename\tType\tSize\tUsed\tPriority\n', true, 0],
    ['Filename\tType\tSize\tUsed\tPriority\n/dev/vda5 partition\t1046524\t0\t-2\n', false, 1022],
    ['Filename\tType\tSize\tUsed\tPriority\n/swapfile file 524288 0 -2\n/dev/zram0 partition 524288 0 100\n', false, 1024],
    ['', true, 0],
  ])('/proc/swaps %j: ok %s, %i MiB', (text, ok, mib) => {
    const c = swapCheck(text)
    expect(c.ok).toBe(ok)
    expect(c.blocking).toBe(false)
    expect(c.detail).toEqual({ key: ok ? 'lab.doctor.swap.off' : 'lab.doctor.swap.on', vars: { mib } })
  })
})
