// After the tests: nothing bocker-named may be left but what provisioning made (bridge0, img_*).
// Reads the same state `bocker-learn state --json` shows, plus the ledger and session temp dirs.
import { execFileSync } from 'node:child_process'
import { readdirSync } from 'node:fs'

const s = JSON.parse(execFileSync('node', ['dist/cli.js', 'state', '--json'], { encoding: 'utf8' }))
const left = [
  ...s.net.links.filter(l => /_ps_\d+$/.test(l.name)).map(l => `link ${l.name}`),
  ...s.net.netns.map(n => `netns ${n.name}`),
  ...s.btrfs.subvolumes.filter(v => !/^img_\d+$/.test(v.name)).map(v => `subvolume ${v.name}`),
  ...s.cgroup.groups.map(g => `cgroup ${g.path}`),
  ...s.proc.processes.map(p => `process ${p.pid} ${p.cmdline}`),
  ...readdirSync('/var/lib/bocker-learn/runs')
    .filter(f => f.endsWith('.json'))
    .map(f => `ledger ${f}`),
  ...readdirSync('/tmp')
    .filter(f => f.startsWith('bocker-learn-') || f.startsWith('bl-'))
    .map(f => `/tmp/${f}`),
  ...readdirSync('/dev/shm')
    .filter(f => f.startsWith('bocker-learn-'))
    .map(f => `/dev/shm/${f}`),
]
if (left.length > 0) {
  console.log(`left behind by the tests:\n  ${left.join('\n  ')}`)
  process.exit(1)
}
console.log('nothing bocker-named left behind')
