// bocker_run, every step for real, as a learner runs it (root, on the lab that provisioning made).

import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { detectCgroupMode } from '../../src/lab/cgroup-mode.js'
import { findLesson } from '../../src/lesson/catalog.js'
import { loadLesson } from '../../src/lesson/parse.js'
import { planSteps } from '../../src/plan/plan.js'

import { claimedUuid } from './support/helpers.js'

const CLI = new URL('../../dist/cli.js', import.meta.url).pathname
const root = process.getuid?.() === 0
const cli = (args: string[]) => {
  const r = spawnSync('node', [CLI, ...args], { encoding: 'utf8', timeout: 180_000, env: { ...process.env, LC_ALL: '', LANG: 'C.UTF-8' } })
  return { code: r.status, out: r.stdout, err: r.stderr }
}
const links = (): string => execFileSync('ip', ['-br', 'link'], { encoding: 'utf8' })
const netns = (): string => execFileSync('ip', ['netns', 'list'], { encoding: 'utf8' })

describe.runIf(root)('lesson bocker_run, for real', () => {
  for (const lang of ['ja', 'en'] as const) {
    it.runIf(existsSync(new URL(`../../lessons/${lang}/bocker_run.md`, import.meta.url)))(
      `runs every step in ${lang} with --yes, every claim holds, nothing is left`,
      () => {
        const lesson = loadLesson(findLesson('bocker_run', lang))
        const plan = planSteps(lesson, detectCgroupMode())
        const r = cli(['run', 'bocker_run', '--yes', '--lang', lang])
        expect(r.err).toBe('')
        expect(r.code).toBe(0)
        const uuid = claimedUuid(r.out)!
        const held = r.out.split('\n').filter(l => /^✓ (確認OK|holds): /.test(l)).length
        expect(held).toBe(plan.steps.reduce((n, s) => n + s.checks.length, 0))
        for (const s of plan.steps) expect(r.out).toContain(`[${s.id}]`)
        expect(links()).not.toContain(uuid)
        expect(netns()).not.toContain(uuid)
        expect(existsSync(`/var/bocker/${uuid}`)).toBe(false)
      },
    )
  }

  it("with --keep leaves exactly bocker's layout: subvolume and cgroups stay, veth and netns are gone", () => {
    const uuid = 'ps_42132'
    const r = cli(['run', 'bocker_run', '--yes', '--keep', '--uuid', uuid, '--lang', 'en', 'img_42001', 'echo', 'kept'])
    try {
      expect(r.code).toBe(0)
      const dir = `/var/bocker/${uuid}`
      // what bocker's ps, logs, commit and rm read: the subvolume by name, <uuid>.cmd, <uuid>.log, the cgroups
      expect(execFileSync('btrfs', ['subvolume', 'list', '/var/bocker'], { encoding: 'utf8' })).toMatch(new RegExp(`path ${uuid}$`, 'm'))
      expect(readFileSync(`${dir}/${uuid}.cmd`, 'utf8')).toBe('echo kept\n')
      expect(readFileSync(`${dir}/${uuid}.log`, 'utf8')).toBe('kept\n')
      expect(readFileSync(`${dir}/etc/resolv.conf`, 'utf8')).toBe('nameserver 8.8.8.8\n')
      if (detectCgroupMode() === 'v1') {
        for (const c of ['cpu', 'cpuacct', 'memory']) expect(existsSync(`/sys/fs/cgroup/${c}/${uuid}`)).toBe(true)
        expect(readFileSync(`/sys/fs/cgroup/cpu/${uuid}/cpu.shares`, 'utf8').trim()).toBe('512')
        expect(readFileSync(`/sys/fs/cgroup/memory/${uuid}/memory.limit_in_bytes`, 'utf8').trim()).toBe('512000000')
      } else {
        expect(readFileSync(`/sys/fs/cgroup/${uuid}/memory.max`, 'utf8').trim()).toBe('512000000')
      }
      expect(links()).not.toContain(uuid)
      expect(netns()).not.toContain(uuid)
    } finally {
      const reset = cli(['reset'])
      expect(reset.code).toBe(0)
    }
    expect(existsSync(`/var/bocker/${uuid}`)).toBe(false)
    expect(existsSync(`/sys/fs/cgroup/memory/${uuid}`)).toBe(false)
  })

  it("dry-runs without root, with the pinned uuid's IP and MAC worked out", () => {
    const r = spawnSync(
      'setpriv',
      [
        '--reuid',
        '65534',
        '--regid',
        '65534',
        '--clear-groups',
        'node',
        CLI,
        'run',
        'bocker_run',
        '--dry-run',
        '--uuid',
        'ps_42032',
        '--lang',
        'en',
      ],
      { encoding: 'utf8' },
    )
    expect(r.stderr).toBe('')
    expect(r.status).toBe(0)
    expect(r.stdout).toContain('ip netns exec netns_ps_42032 ip link set veth1_ps_42032 address 02:42:ac:11:000:32')
    expect(r.stdout).toContain('ip netns exec netns_ps_42032 ip addr add 10.0.0.32/24 dev veth1_ps_42032')
  })
})
