// How long provisioning takes the lab registry (target ≤ 10 s): scripts/provision.sh for real, into a
// throw-away state dir inside a private network and mount namespace (the host's lab and its port
// 5000 are left alone). Per round: a whole lab from nothing, then the registry part alone from
// scratch (its directory removed; the arm64 .deb cached, as after the first provisioning), then undo.
// Usage (root, the lab provisioned once so the .deb is cached): node bench/registry-provision-bench.mjs [rounds=3]
import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, readlinkSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const rounds = Number(process.argv[2] ?? 3)
const repo = new URL('..', import.meta.url).pathname
const box = spawn('unshare', ['--net', '--mount', '--propagation', 'slave', 'sleep', '600'], { stdio: 'ignore' })
const ours = readlinkSync('/proc/self/ns/net')
while (readlinkSync(`/proc/${box.pid}/ns/net`) === ours) await new Promise(r => setTimeout(r, 10))

function timed(script, env) {
  const t0 = performance.now()
  const r = spawnSync('nsenter', [`--target=${box.pid}`, '--net', '--mount', '--', 'bash', '-c', script], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
  })
  if (r.status !== 0) throw new Error(`${script} failed (${r.status}): ${r.stderr}${r.stdout}`)
  return performance.now() - t0
}

const median = xs => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const whole = []
const registry = []
try {
  for (let i = 0; i < rounds; i++) {
    const tmp = mkdtempSync(join(tmpdir(), 'bl-bench-registry-'))
    const env = {
      BOCKER_LEARN_STATE_DIR: `${tmp}/state`,
      BOCKER_LEARN_BTRFS_PATH: `${tmp}/bocker`,
      BOCKER_LEARN_MARKER: `${tmp}/etc/lab`,
      BOCKER_LEARN_DFI_BIN: `${tmp}/bin/download-frozen-image-v2`,
    }
    const provision = `bash ${repo}scripts/provision.sh --no-persist --size 1G >/dev/null`
    try {
      whole.push(timed(provision, env))
      timed(`rm -rf ${tmp}/state/registry`, env)
      registry.push(timed(provision, env))
    } finally {
      timed(`bash ${repo}scripts/provision.sh --undo >/dev/null`, env)
      rmSync(tmp, { recursive: true, force: true })
    }
  }
} finally {
  box.kill('SIGKILL')
}
console.log(`provisioning, ${rounds} rounds, median (target: the registry ≤ 10 s)`)
console.log(`  the registry from scratch (keys, config, 2 images + a 2-arch list, pushed)  ${(median(registry) / 1000).toFixed(2)} s`)
console.log(`  a whole lab from nothing (btrfs loop, bridge, base image, the registry)     ${(median(whole) / 1000).toFixed(2)} s`)
