// Cost of one probe round + diff, as the stepper pays it after each step.
// Usage: npm run build && node bench/probe-bench.mjs [rounds=200] [probes=net,btrfs,cgroup]

import { diffSnapshots } from '../dist/observe/diff.js'
import { takeSnapshot } from '../dist/observe/probes/index.js'

const rounds = Number(process.argv[2] ?? 200)
const probes = (process.argv[3] ?? 'net,btrfs,cgroup').split(',')

function stats(label, ms) {
  const s = [...ms].sort((a, b) => a - b)
  const at = q => s[Math.min(s.length - 1, Math.floor(q * s.length))].toFixed(2)
  console.log(`${label.padEnd(28)} median ${at(0.5)} ms  p90 ${at(0.9)} ms  max ${at(1).padStart(6)} ms`)
}

async function measure(names) {
  let before = await takeSnapshot(names)
  const round = []
  for (let i = 0; i < 10; i++) await takeSnapshot(names) // warm up
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now()
    const after = await takeSnapshot(names)
    diffSnapshots(before, after)
    round.push(performance.now() - t0)
    before = after
  }
  stats(`${names.join(',')} + diff`, round)
}

console.log(`${rounds} rounds, uid ${process.getuid?.()}, node ${process.version}`)
await measure(probes)
for (const p of ['net', 'btrfs', 'cgroup', 'proc']) await measure([p])
await measure(['net', 'btrfs', 'cgroup', 'proc'])
