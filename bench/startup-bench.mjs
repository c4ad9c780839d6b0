// Start-up cost of the CLI against a bare `node -e 0`, side by side and interleaved in one run.
// shiki must stay out of `--help`, `--version` and `list`; the target is at most 2×.
// Usage: npm run build && node bench/startup-bench.mjs [rounds=21]
import { spawnSync } from 'node:child_process'

const rounds = Number(process.argv[2] ?? 21)
const CLI = new URL('../dist/cli.js', import.meta.url).pathname
const cases = {
  'node -e 0': ['-e', '0'],
  'bocker-learn --help': [CLI, '--help'],
  'bocker-learn --version': [CLI, '--version'],
  'bocker-learn list': [CLI, 'list', '--lang', 'ja'],
  'bocker-learn show (shiki)': [CLI, 'show', 'bocker_run', '--lang', 'ja']
}
const times = Object.fromEntries(Object.keys(cases).map(k => [k, []]))

for (let i = 0; i < rounds; i++) {
  const names = Object.keys(cases)
  for (const name of i % 2 === 0 ? names : names.reverse()) {
    const t0 = performance.now()
    const r = spawnSync(process.execPath, cases[name], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, COLUMNS: '80' } })
    times[name].push(performance.now() - t0)
    if (r.status !== 0) throw new Error(`${name} failed (${r.status}): ${r.stderr}`)
  }
}
const median = xs => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const base = median(times['node -e 0'])
console.log(`start-up, ${rounds} rounds each, interleaved; median wall time (target for --help, --version, list: ≤ 2.00×)`)
for (const [name, xs] of Object.entries(times)) {
  console.log(`  ${name.padEnd(28)} ${median(xs).toFixed(0).padStart(5)} ms   ${(median(xs) / base).toFixed(2)}×`)
}
