// The course on a pure cgroup v2 kernel, for real: Debian's kernel under qemu with only cgroup2
// mounted (test/vm/run-in-v2-guest.sh), provisioned by the same script as every VM. The whole course
// in Japanese (bocker_run among it), bocker_rm alone (making the container and image it needs with
// bocker's own v2 lines), then reset leaves nothing. (English on v2: the Debian 13 guest runs
// bocker_run and bocker_pull in both languages; en's code is ja's, test/lesson/lessons.test.ts.)
import { spawnSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'

const root = new URL('../..', import.meta.url).pathname
const langs = ['ja']

describe.runIf(process.getuid?.() === 0)('the course on pure cgroup v2 (qemu guest)', () => {
  it('provisions, then runs every lesson, every step and every exercise with every claim holding', () => {
    const script = [
      'set -e',
      'bash scripts/provision.sh --no-persist >/dev/null',
      'node dist/cli.js doctor >/dev/null',
      'echo "=== ja"; node dist/cli.js course --yes --lang ja',
      // alone, with nothing left by the course: it makes its container and image with bocker's own v2 lines
      'node dist/cli.js reset --progress >/dev/null',
      'echo "=== alone"; node dist/cli.js run bocker_rm --yes --lang en',
      'node dist/cli.js reset >/dev/null',
      'echo "=== leftovers"; ip -br link | grep -c _ps_ || true; ls /sys/fs/cgroup | grep -c "^ps_" || true; ls /var/bocker | grep -vc "^img_42001$" || true',
    ].join('\n')
    const r = spawnSync('bash', [`${root}/test/vm/run-in-v2-guest.sh`, script], {
      cwd: root,
      encoding: 'utf8',
      timeout: 1_500_000,
      env: { ...process.env, BOCKER_VM_TIMEOUT: '1400' },
      maxBuffer: 64 << 20,
    })
    const out = r.stdout
    expect(r.status, `${out.slice(-3000)}\n${r.stderr.slice(-2000)}`).toBe(0)
    for (const l of langs) {
      const part = out.split(`=== ${l}`)[1]!.split('===')[0]!
      expect(part).toMatch(/cgroup (のモード|mode): v2/)
      for (const id of ['cgcreate-v2', 'cpu-weight-v2', 'memory-max-v2', 'run-v2']) expect(part).toContain(`[${id}]`)
      for (const id of ['[cgcreate]', '[cpu-shares]', '[memory-limit]', '[run]']) expect(part).not.toContain(id)
      expect(part).not.toMatch(/確認NG|FAILED claim/)
      expect(part).toMatch(/0::\/ps_\d{5}/)
      expect(part).toMatch(/コースを最後まで終えました（11 レッスン）/)
    }
    const alone = out.split('=== alone')[1]!.split('===')[0]!
    expect(alone).toMatch(/Made container ps_\d{5}/)
    expect(alone).toMatch(/Made image img_\d{5}/)
    expect(alone).not.toMatch(/FAILED claim|✗/)
    expect(out.split('=== leftovers')[1]!.trim().split('\n')).toEqual(['0', '0', '0'])
  }, 1_600_000)
})
