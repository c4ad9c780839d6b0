// Wall time and peak RSS of `bocker-learn run <lesson> --yes` against plain bash running the same
// blocks (prelude, every step, try and check block, teardown, then removing the container), side
// by side, interleaved, in one run.
//   main rows:   the container command exits at once (lesson arguments `img_42001 true` on both sides),
//                so the rows show the tool's own overhead;
//   second rows: the lesson's default command (it sleeps 1 s inside the container).
// Peak RSS is GNU time's %M (ru_maxrss of the node process, or of a child if one were larger);
// every row, plain bash too, runs under /usr/bin/time so its fork costs all rows the same.
//   bocker_pull: rows `pull` (busybox latest) and `2layer`; the lab registry is kept running by this
//   benchmark for both sides (plain bash needs it too), so the rows compare the lesson, not its start.
// Usage (root, lab provisioned): npm run build && node bench/run-bench.mjs [rounds=5] [lesson=bocker_run] [rows=true,sleep]
//   e.g. node bench/run-bench.mjs 5 bocker_pull pull,2layer
//        node bench/run-bench.mjs 5 bocker_exec default   (any course lesson with its default arguments;
//        exercises run as --yes runs them: check, model solution, check)
//   BENCH_DIST=/other/checkout/dist measures another build (the layout before src/plan/ works too).
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { pathToFileURL } from 'node:url'

const DIST = process.env.BENCH_DIST ?? new URL('../dist', import.meta.url).pathname
const load = async (...candidates) => {
  const file = candidates.map(c => `${DIST}/${c}`).find(existsSync)
  if (!file) throw new Error(`none of ${candidates.join(', ')} in ${DIST}: build first (npm run build)`)
  return await import(pathToFileURL(file).href)
}
const { detectCgroupMode } = await load('lab/cgroup-mode.js')
const { bockerIp, uuidInUse, liveContainerIps } = await load('lab/uuid-space.js')
const { findLesson } = await load('lesson/catalog.js')
const { loadLesson } = await load('lesson/parse.js')
const { lessonScript } = await load('lesson/script.js')
const { bindArgs, planSteps } = await load('plan/plan.js', 'plan.js')
// the course's lessons: the lab's bocker on both sides, and the course's container and image (made
// once, before the rounds, if missing: lessons that only read them)
const { writeBockerScript, BOCKER_BIN_DIR } = await load('course/bocker-script.js')
const { findCourseThing } = await load('course/needs.js')
const { provide } = await load('course/provide.js')

const rounds = Number(process.argv[2] ?? 5)
const name = process.argv[3] ?? 'bocker_run'
const wanted = (process.argv[4] ?? 'true,sleep').split(',')
const lesson = loadLesson(findLesson(name, 'en'))
const plan = planSteps(lesson, detectCgroupMode())
await writeBockerScript(detectCgroupMode())
const things = {}
for (const need of lesson.needs) things[need] = findCourseThing(need) ?? (await provide(need, 'en', detectCgroupMode())).id
const CLI = `${DIST}/cli.js`
const TIME = ['/usr/bin/time', '/bin/time'].find(existsSync)
if (!TIME) console.log('(no GNU time: peak RSS not measured; apt-get install time)')
const rssFile = '/tmp/bocker-learn-bench.rss'
const script = '/tmp/bocker-learn-bench.sh'

// the argument sets: the main one exits at once; the lesson's own default sleeps 1 s in the container
const ARGSETS = { true: ['img_42001', 'true'], sleep: [], pull: [], '2layer': ['busybox', '2layer'], default: [] }
const makesContainer = plan.steps.some(s => s.allocatesUuid)
const services = lesson.services.length > 0 ? await load('lab/registry/services.js') : undefined
const images = () =>
  spawnSync('btrfs', ['subvolume', 'list', '/var/bocker'], { encoding: 'utf8' })
    .stdout.split('\n')
    .map(l => l.replace(/^.* path /, ''))
    .filter(n => /^img_\d{5}$/.test(n))
/** a pull makes an image on either side: each is deleted so that every run starts from the same lab */
function deleteNewImages(before) {
  for (const i of images().filter(i => !before.includes(i)))
    spawnSync('btrfs', ['subvolume', 'delete', `/var/bocker/${i}`], { stdio: 'ignore' })
}

function freeUuid() {
  for (let n = 42254; n >= 42002; n--) {
    const uuid = `ps_${n}`
    if (bockerIp(uuid) !== '10.0.0.1' && !uuidInUse(uuid) && !liveContainerIps().has(bockerIp(uuid))) return uuid
  }
  throw new Error('no free uuid')
}

/** wall ms and peak RSS (MB) of one command; `claimsMayFail`: with `true` the container writes no
 * log, so the last step's claim "the log remains" fails (exit 1) although every block ran */
function measure(cmd, argv, env = {}, claimsMayFail = false) {
  const full = TIME ? [TIME, '-f', '%M', '-o', rssFile, cmd, ...argv] : [cmd, ...argv]
  const t0 = performance.now()
  const r = spawnSync(full[0], full.slice(1), { encoding: 'utf8', env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  const ms = performance.now() - t0
  const onlyClaims =
    claimsMayFail && r.status === 1 && /^1 claim\(s\) failed$/m.test(r.stderr) && !/failed: stopping|failed and were skipped/.test(r.stderr)
  if (r.status !== 0 && !onlyClaims)
    throw new Error(`${cmd} ${argv.join(' ')} failed (${r.status}): ${r.stderr.slice(-500)}${r.stdout.slice(-500)}`)
  const rss = TIME ? Number(readFileSync(rssFile, 'utf8').trim().split('\n').at(-1)) / 1024 : NaN
  return { ms, rss }
}

// (a lesson whose teardown removes its container leaves nothing to remove)
const removeContainer = uuid =>
  `for c in cpu cpuacct memory; do rmdir /sys/fs/cgroup/$c/${uuid} 2>/dev/null; done; rmdir /sys/fs/cgroup/${uuid} 2>/dev/null; if [[ -d /var/bocker/${uuid} ]]; then btrfs subvolume delete /var/bocker/${uuid} >/dev/null; fi`
const median = xs => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const KINDS = ['bash', 'noState', 'state']
const LABEL = { bash: 'plain bash, same blocks', noState: 'bocker-learn run --yes --no-state', state: 'bocker-learn run --yes (state)' }
const rows = wanted.map(set => ({ set, args: ARGSETS[set], results: Object.fromEntries(KINDS.map(k => [k, []])) }))

function once(row, kind) {
  const had = images()
  try {
    return measured(row, kind)
  } finally {
    deleteNewImages(had)
  }
}

function measured(row, kind) {
  const uuid = makesContainer ? freeUuid() : undefined
  if (kind === 'bash') {
    const args = bindArgs(lesson, row.args, existsSync, things)
    const text = lessonScript(lesson, plan, args, { checks: true, uuid, things, bockerDir: BOCKER_BIN_DIR })
    writeFileSync(script, text + (uuid ? removeContainer(uuid) : '') + '\n')
    return measure('bash', [script], { LC_ALL: 'C.UTF-8' })
  }
  return measure(
    process.execPath,
    [
      CLI,
      'run',
      name,
      '--yes',
      ...(uuid ? ['--uuid', uuid] : []),
      '--lang',
      'en',
      ...(kind === 'noState' ? ['--no-state'] : []),
      '--',
      ...row.args,
    ],
    {},
    row.set === 'true',
  )
}

try {
  if (services) {
    const used = await services.useServices()
    if (!used.ok) throw new Error(`the lab registry does not start: ${JSON.stringify(used.problem)}`)
  }
  for (let i = 0; i < rounds; i++) {
    // every kind of every row once per round, the order reversed every other round
    const order = rows.flatMap(row => KINDS.map(kind => [row, kind]))
    for (const [row, kind] of i % 2 === 0 ? order : order.reverse()) row.results[kind].push(once(row, kind))
  }
} finally {
  if (services) await services.leaveServices()
  rmSync(script, { force: true })
  rmSync(rssFile, { force: true })
}

console.log(`${name}: ${plan.steps.length} steps, ${rounds} rounds each, interleaved; median wall time, median peak RSS`)
console.log(
  services
    ? '  target: the whole lesson with --yes ≤ 1.25× plain bash (the registry running for both sides)'
    : `  targets: state ≤ 1.25×, --no-state ≤ 1.15× plain bash (container command \`true\`); peak RSS ≤ 120 MB`,
)
for (const row of rows) {
  const defaults = name === 'bocker_run' ? "(the lesson's default: its command sleeps 1 s)" : "(the lesson's defaults)"
  console.log(`  lesson arguments: ${row.args.length ? row.args.join(' ') : defaults}`)
  const b = median(row.results.bash.map(r => r.ms))
  for (const kind of KINDS) {
    const ms = median(row.results[kind].map(r => r.ms))
    const rss = median(row.results[kind].map(r => r.rss))
    console.log(
      `    ${LABEL[kind].padEnd(35)} ${ms.toFixed(0).padStart(6)} ms   ${(ms / b).toFixed(2)}×   ${Number.isNaN(rss) ? '   n/a' : rss.toFixed(0).padStart(4) + ' MB'}`,
    )
  }
}
