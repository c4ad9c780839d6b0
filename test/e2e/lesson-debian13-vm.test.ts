// The Vagrant box's OS, for real: a Debian 13 root with its own kernel and systemd under qemu
// (test/vm/debian13-guest.sh), provisioned with the Vagrantfile's command, both lessons in each
// language, then a reboot after which the lab must come back by itself.
import { spawnSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { findLesson } from '../../src/lesson/catalog.js'
import { loadLesson } from '../../src/lesson/parse.js'

const root = new URL('../..', import.meta.url).pathname
const langs = ['ja', 'en'] as const

// Each step prints "=== name", its output, then "=== end name rc=N secs=S" (guest clock).
const steps = `
fail=0
step() {
  local name=$1 t0 rc; shift
  echo "=== $name"
  t0=$(date +%s.%N)
  "$@"; rc=$?
  echo "=== end $name rc=$rc secs=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN {printf "%.1f", b - a}')"
  [ "$rc" = 0 ] || fail=1
}`
const firstBoot = [
  steps,
  // as on a root without procps, which brings /etc/sysctl.d
  'mv /etc/sysctl.d /root/sysctl.d.hidden',
  'step provision bash scripts/provision.sh --packages --node --nat',
  'mv /root/sysctl.d.hidden /etc/sysctl.d',
  'step provision-sysctl bash scripts/provision.sh --nat',
  'step doctor node dist/cli.js doctor',
  ...langs.map(l => `step run-${l} node dist/cli.js run bocker_run --yes --lang ${l}`),
  ...langs.map(l => `step pull-${l} node dist/cli.js run bocker_pull --yes --lang ${l}`),
  `step leftovers sh -c 'ip -br link | grep -c _ps_; ls /sys/fs/cgroup | grep -c "^ps_"; true'`,
  'exit $fail',
].join('\n')
const afterReboot = [
  steps,
  `step lab-back sh -c 'findmnt -n -o FSTYPE,SOURCE /var/bocker && ip -br addr show bridge0 && ip -o link show bridge0 | grep -q "[<,]UP[,>]" &&
    [ "$(cat /proc/sys/net/ipv4/ip_forward)" = 1 ] && echo ip_forward=1 &&
    iptables -t nat -C POSTROUTING -s 10.0.0.0/24 ! -o bridge0 -j MASQUERADE && echo MASQUERADE'`,
  'step run-after-reboot node dist/cli.js run bocker_run --yes --lang en',
  'exit $fail',
].join('\n')

const claimsOf = (lesson: string, lang: 'ja' | 'en'): number =>
  loadLesson(findLesson(lesson, lang)).steps.reduce((n, s) => n + s.checks.length, 0)
const held = (out: string): number => out.split('\n').filter(l => /^✓ (確認OK|holds): /.test(l)).length

function sections(out: string): Map<string, { out: string; rc: number; secs: number }> {
  const m = new Map<string, { out: string; rc: number; secs: number }>()
  for (const s of out.matchAll(/^=== (\S+)\n([\s\S]*?)^=== end \1 rc=(\d+) secs=([\d.]+)$/gm)) {
    m.set(s[1]!, { out: s[2]!, rc: Number(s[3]), secs: Number(s[4]) })
  }
  return m
}

describe('Debian 13 guest (the Vagrant box: own kernel, systemd, no network)', () => {
  it('provisions with --packages --node --nat, runs both lessons in ja and en, and the lab comes back after a reboot', ctx => {
    if (process.getuid?.() !== 0) ctx.skip('needs root (qemu, debootstrap, mkfs.ext4)')
    const qemu = spawnSync(
      'bash',
      [
        '-c',
        'command -v qemu-system-x86_64 || { apt-get install -y -qq qemu-system-x86 || { apt-get update -qq && apt-get install -y -qq qemu-system-x86; }; } >/dev/null 2>&1',
      ],
      { encoding: 'utf8', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } },
    )
    if (qemu.status !== 0) ctx.skip('qemu-system-x86 is not installed and apt-get could not install it')

    const t0 = Date.now()
    const r = spawnSync('bash', [`${root}/test/vm/debian13-guest.sh`, firstBoot, afterReboot], {
      cwd: root,
      encoding: 'utf8',
      timeout: 1_700_000,
      maxBuffer: 64 << 20,
      env: { ...process.env, BOCKER_VM_TIMEOUT: '900' },
    })
    const out = r.stdout
    const got = sections(out)
    console.log(
      [
        `debian13 guest: ${((Date.now() - t0) / 1000).toFixed(1)} s in all`,
        ...r.stderr.split('\n').filter(l => l.startsWith('debian13-guest: ')),
        ...[...got].map(([name, s]) => `  ${name}: exit ${s.rc}, ${s.secs} s${held(s.out) ? `, ${held(s.out)} claims held` : ''}`),
      ].join('\n'),
    )
    const tail = `${out.slice(-3000)}\n${r.stderr.slice(-2000)}`
    const names = [
      'provision',
      'provision-sysctl',
      'doctor',
      ...langs.flatMap(l => [`run-${l}`, `pull-${l}`]),
      'leftovers',
      'lab-back',
      'run-after-reboot',
    ]
    for (const name of names) {
      const s = got.get(name)
      expect.soft(s, `step ${name} did not run\n${tail}`).toBeDefined()
      if (s) expect.soft(s.rc, `step ${name}:\n${s.out.slice(-3000)}`).toBe(0)
    }
    expect(r.status, tail).toBe(0)

    const provision = got.get('provision')!.out
    expect(provision).not.toMatch(/installed packages|installed nodejs/) // all in the root already
    expect(provision).toContain('note: no /etc/sysctl.d (procps is not installed)')
    expect(got.get('provision-sysctl')!.out).toContain('changed: wrote /etc/sysctl.d/90-bocker-learn.conf')
    for (const name of [...langs.flatMap(l => [`run-${l}`, `pull-${l}`]), 'run-after-reboot']) {
      expect.soft(got.get(name)!.out, name).not.toMatch(/確認NG|FAILED claim/)
    }
    for (const l of langs) expect.soft(held(got.get(`pull-${l}`)!.out), `pull-${l}: claims holding`).toBe(claimsOf('bocker_pull', l))
    expect(got.get('leftovers')!.out.trim().split('\n')).toEqual(['0', '0'])
    expect(got.get('lab-back')!.out).toMatch(/^btrfs +\/dev\/loop\d+/m)
    expect(got.get('lab-back')!.out).toMatch(/^bridge0 +\S+ +10\.0\.0\.1\/24/m)
  }, 1_800_000)
})
