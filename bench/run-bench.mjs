// Wall time of `bocker-learn run bocker_run --yes` against plain bash running the same commands
// (prelude, every step, try and check block, teardown, then removing the container), side by side,
// interleaved, in one run. Usage (root, lab provisioned): npm run build && node bench/run-bench.mjs [rounds=5] [lesson=bocker_run]
import { spawnSync } from 'node:child_process'
import { writeFileSync, rmSync } from 'node:fs'
import { detectCgroupMode } from '../dist/lab/cgroup-mode.js'
import { bockerIp, uuidInUse, liveContainerIps } from '../dist/lab/uuid-space.js'
import { findLesson } from '../dist/lesson/catalog.js'
import { loadLesson } from '../dist/lesson/parse.js'
import { lessonScript } from '../dist/lesson/script.js'
import { bindArgs, planSteps } from '../dist/plan/plan.js'

const rounds = Number(process.argv[2] ?? 5)
const name = process.argv[3] ?? 'bocker_run'
const lesson = loadLesson(findLesson(name, 'en'))
const plan = planSteps(lesson, detectCgroupMode())
const args = bindArgs(lesson, [])
const CLI = new URL('../dist/cli.js', import.meta.url).pathname

function freeUuid () {
  for (let n = 42254; n >= 42002; n--) {
    const uuid = `ps_${n}`
    if (bockerIp(uuid) !== '10.0.0.1' && !uuidInUse(uuid) && !liveContainerIps().has(bockerIp(uuid))) return uuid
  }
  throw new Error('no free uuid')
}

function time (cmd, argv, env = {}) {
  const t0 = performance.now()
  const r = spawnSync(cmd, argv, { encoding: 'utf8', env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  const ms = performance.now() - t0
  if (r.status !== 0) throw new Error(`${cmd} ${argv.join(' ')} failed (${r.status}): ${r.stderr.slice(-500)}${r.stdout.slice(-500)}`)
  return ms
}

const removeContainer = uuid => `for c in cpu cpuacct memory; do rmdir /sys/fs/cgroup/$c/${uuid} 2>/dev/null; done; rmdir /sys/fs/cgroup/${uuid} 2>/dev/null; btrfs subvolume delete /var/bocker/${uuid} >/dev/null`
const median = xs => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const results = { bash: [], tool: [], toolNoState: [] }
const script = '/tmp/bocker-learn-bench.sh'

for (let i = 0; i < rounds; i++) {
  const order = i % 2 === 0 ? ['bash', 'tool', 'toolNoState'] : ['toolNoState', 'tool', 'bash']
  for (const kind of order) {
    const uuid = freeUuid()
    if (kind === 'bash') {
      writeFileSync(script, lessonScript(lesson, plan, args, { checks: true, uuid }) + removeContainer(uuid) + '\n')
      results.bash.push(time('bash', [script], { LC_ALL: 'C.UTF-8' }))
    } else {
      results[kind].push(time('node', [CLI, 'run', name, '--yes', '--uuid', uuid, '--lang', 'en', ...(kind === 'toolNoState' ? ['--no-state'] : [])]))
    }
  }
}
rmSync(script, { force: true })
const b = median(results.bash)
console.log(`${name}: ${plan.steps.length} steps, ${rounds} rounds each, interleaved; median wall time`)
console.log(`  plain bash, same commands          ${b.toFixed(0).padStart(6)} ms   1.00×`)
console.log(`  bocker-learn run --yes --no-state  ${median(results.toolNoState).toFixed(0).padStart(6)} ms   ${(median(results.toolNoState) / b).toFixed(2)}×`)
console.log(`  bocker-learn run --yes (state)     ${median(results.tool).toFixed(0).padStart(6)} ms   ${(median(results.tool) / b).toFixed(2)}×`)
