// Start-up cost of the CLI against a bare `node -e 0`, side by side and interleaved in one run.
// Piped rows (no colour: shiki must not load) and rows at a terminal (bench/pty-time.py: colour on,
// so `show` highlights every bash block with shiki); each compared with `node -e 0` started the same way.
// Targets (issue 10): --help ≤ 1.5×, show ≤ 2×; --version and list should stay near --help.
// Usage: npm run build && node bench/startup-bench.mjs [rounds=21]
//   BENCH_DIST=/other/checkout/dist measures another build.
import { spawnSync } from 'node:child_process'

const rounds = Number(process.argv[2] ?? 21)
const DIST = process.env.BENCH_DIST ?? new URL('../dist', import.meta.url).pathname
const CLI = `${DIST}/cli.js`
const PTY = new URL('./pty-time.py', import.meta.url).pathname
const TARGET = { 'bocker-learn --help': 1.5, 'bocker-learn show': 2, 'bocker-learn show (tty, shiki)': 2 }

function piped(argv) {
  const t0 = performance.now()
  const r = spawnSync(process.execPath, argv, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, COLUMNS: '80' } })
  const ms = performance.now() - t0
  if (r.status !== 0) throw new Error(`${argv.join(' ')} failed (${r.status}): ${r.stderr}`)
  return ms
}
function atPty(argv) {
  const r = spawnSync('python3', [PTY, '--cols', '80', '--', process.execPath, ...argv], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const res = JSON.parse(r.stdout.trim().split('\n').at(-1))
  if (r.status !== 0 || res.exit !== 0) throw new Error(`${argv.join(' ')} failed at a pty: ${r.stdout.slice(-1000)}${r.stderr}`)
  return res.exit_ms
}

const groups = {
  piped: {
    run: piped,
    base: 'node -e 0',
    cases: {
      'node -e 0': ['-e', '0'],
      'bocker-learn --help': [CLI, '--help'],
      'bocker-learn --version': [CLI, '--version'],
      'bocker-learn list': [CLI, 'list', '--lang', 'ja'],
      'bocker-learn show': [CLI, 'show', 'bocker_run', '--lang', 'ja'],
    },
  },
  'at a terminal': {
    run: atPty,
    base: 'node -e 0 (tty)',
    cases: {
      'node -e 0 (tty)': ['-e', '0'],
      'bocker-learn --help (tty)': [CLI, '--help'],
      'bocker-learn show (tty, shiki)': [CLI, 'show', 'bocker_run', '--lang', 'ja'],
    },
  },
}
const times = {}
for (const g of Object.values(groups)) for (const k of Object.keys(g.cases)) times[k] = []

for (let i = 0; i < rounds; i++) {
  const all = Object.values(groups).flatMap(g => Object.entries(g.cases).map(([k, argv]) => [k, () => g.run(argv)]))
  for (const [k, f] of i % 2 === 0 ? all : all.reverse()) times[k].push(f())
}
const median = xs => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
console.log(`start-up, ${rounds} rounds each, interleaved; median wall time (targets: --help ≤ 1.5×, show ≤ 2×)`)
for (const [gname, g] of Object.entries(groups)) {
  const base = median(times[g.base])
  console.log(`  ${gname}`)
  for (const k of Object.keys(g.cases)) {
    const ratio = median(times[k]) / base
    const target = TARGET[k.replace(' (tty)', '')] ?? TARGET[k]
    console.log(
      `    ${k.padEnd(32)} ${median(times[k]).toFixed(0).padStart(5)} ms   ${ratio.toFixed(2)}×${target ? `   (target ≤ ${target}×${ratio <= target ? ', met' : ', NOT met'})` : ''}`,
    )
  }
}
