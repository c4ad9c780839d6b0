// Time from starting `bocker-learn run <lesson>` at a terminal until the first step's menu
// ("What next?" / "どうしますか？") is on the screen, against a bare `node -e 0` started the same way
// (to its exit), side by side and interleaved in one run. Each run is then quit with Ctrl-C at the
// menu, so it tears down (nothing was claimed yet: the first step has not run).
// Both sides run on a fresh pty from bench/pty-time.py, which times from its fork (python's own
// start-up is not counted). The target: ≤ 4× `node -e 0`.
// Usage (root, lab provisioned): npm run build && node bench/first-prompt-bench.mjs [rounds=11] [lang=en] [lesson=bocker_run]
//   BENCH_DIST=/other/checkout/dist measures another build.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { pathToFileURL } from 'node:url'

const DIST = process.env.BENCH_DIST ?? new URL('../dist', import.meta.url).pathname
const { bockerIp, uuidInUse, liveContainerIps } = await import(pathToFileURL(`${DIST}/lab/uuid-space.js`).href)
const PTY = new URL('./pty-time.py', import.meta.url).pathname
const CLI = `${DIST}/cli.js`
const rounds = Number(process.argv[2] ?? 11)
const lang = process.argv[3] ?? 'en'
const name = process.argv[4] ?? 'bocker_run'
const PROMPT = { en: 'What next?', ja: 'どうしますか？' }[lang]
if (!existsSync(CLI)) throw new Error(`${CLI} is missing: build first (npm run build)`)

function freeUuid() {
  for (let n = 42254; n >= 42002; n--) {
    const uuid = `ps_${n}`
    if (bockerIp(uuid) !== '10.0.0.1' && !uuidInUse(uuid) && !liveContainerIps().has(bockerIp(uuid))) return uuid
  }
  throw new Error('no free uuid')
}

function atPty(flags, argv) {
  const r = spawnSync('python3', [PTY, ...flags, '--', ...argv], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
  const last = r.stdout.trim().split('\n').at(-1) ?? ''
  if (r.status !== 0 || !last.startsWith('{')) throw new Error(`${argv.join(' ')}: ${r.stdout.slice(-1500)}${r.stderr}`)
  return JSON.parse(last)
}

const cases = {
  'node -e 0': () => atPty([], [process.execPath, '-e', '0']).exit_ms,
  [`bocker-learn run ${name} → menu`]: () => {
    const r = atPty(
      ['--until', PROMPT, '--then', '\x03'],
      [process.execPath, CLI, 'run', name, '--lang', lang, '--uuid', freeUuid(), '--', 'img_42001', 'true'],
    )
    if (r.until_ms === null) throw new Error(`the menu "${PROMPT}" never showed (exit ${r.exit})`)
    if (r.exit !== 130) throw new Error(`Ctrl-C at the menu should quit with 130, got ${r.exit}`)
    return r.until_ms
  },
}
const times = Object.fromEntries(Object.keys(cases).map(k => [k, []]))
for (let i = 0; i < rounds; i++) {
  const names = Object.keys(cases)
  for (const k of i % 2 === 0 ? names : names.reverse()) times[k].push(cases[k]())
}
const median = xs => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const base = median(times['node -e 0'])
console.log(`first prompt at a terminal, ${rounds} rounds each, interleaved; median (target ≤ 4.00×)`)
for (const [k, xs] of Object.entries(times))
  console.log(`  ${k.padEnd(36)} ${median(xs).toFixed(0).padStart(5)} ms   ${(median(xs) / base).toFixed(2)}×`)
