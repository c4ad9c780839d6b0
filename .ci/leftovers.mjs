// After the tests: nothing bocker-named may be left but what provisioning made (bridge0, img_*), and
// no lab registry process.
// Reads the same state `bocker-learn state --json` shows, plus the ledger and session temp dirs.
import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'

// bocker_pull's /tmp/$tmp_uuid (and the lesson's <uuid>-box, <uuid>-pr27 next to it)
const PULL_TMP = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(-[a-z0-9]+)?$/
// the lab registry's processes: started by a pull lesson, stopped when the last one ends
function subdirs(dir) {
  return readdirSync(dir, { withFileTypes: true })
    .filter(d => d.isDirectory())
    .map(d => d.name)
}

function labServices() {
  return readdirSync('/proc')
    .filter(p => /^\d+$/.test(p))
    .map(p => {
      try {
        return `process ${p} ${readFileSync(`/proc/${p}/cmdline`, 'utf8').replace(/\0/g, ' ').trim()}`
      } catch {
        return ''
      }
    })
    .filter(l => /docker-registry serve \/var\/lib\/bocker-learn\/|lab\/registry\/hub-main\.js/.test(l))
}

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
    // (bocker-learn-rootfs: the bocker_init lesson's default directory, made once from busybox and kept on purpose)
    .filter(f => (f.startsWith('bocker-learn-') && f !== 'bocker-learn-rootfs') || f.startsWith('bl-') || PULL_TMP.test(f))
    .map(f => `/tmp/${f}`),
  ...labServices(),
  // cgroups named after a container, the lesson's own experiments' too (ps_42032_oom)
  ...['', ...subdirs('/sys/fs/cgroup')]
    .flatMap(h => subdirs(`/sys/fs/cgroup/${h}`).map(d => `${h}/${d}`))
    .filter(p => /(^|\/)ps_\d{5}/.test(p))
    .map(p => `cgroup /sys/fs/cgroup/${p.replace(/^\//, '')}`),
  // an experiment's scratch space (.scratch.*) or a half-built image (.img_*.partial)
  ...readdirSync('/var/bocker')
    .filter(f => f.startsWith('.'))
    .map(f => `/var/bocker/${f}`),
  ...readdirSync('/dev/shm')
    .filter(f => f.startsWith('bocker-learn-'))
    .map(f => `/dev/shm/${f}`),
]
if (left.length > 0) {
  console.log(`left behind by the tests:\n  ${left.join('\n  ')}`)
  process.exit(1)
}
console.log('nothing bocker-named left behind')
