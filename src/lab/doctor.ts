// `doctor`: is this machine ready for bocker? Each check is a value; render/doctor.ts says it.
import { type Host, type HostResult, isRoot, realHost } from '../core/host.js'
import { cgroupMounts } from './cgroup-mounts.js'
import {
  bridgeCheck,
  btrfsChecks,
  CGROUP_TOOLS,
  cgroupCheck,
  type DoctorCheck,
  kernelChecks,
  labChecks,
  missingPrograms,
  readText,
  toolChecks,
  words,
} from './doctor-checks.js'
import { mountedFsType } from './doctor-parse.js'
import { BRIDGE, BTRFS_PATH } from './paths.js'
import { registryCheck } from './registry/doctor-check.js'

export { type DoctorCheck, type Phrase, SETUP, SETUP_PACKAGES } from './doctor-checks.js'

export interface DoctorOptions {
  /** look at the mount and network namespaces of this process instead of our own (tests) */
  nsPid?: number
  host?: Host
}

// One throw-away network namespace proves netns, veth and bridge support; it vanishes with the process.
const KERNEL_PROBE = 'ip link add bl_doc_v0 type veth peer name bl_doc_v1 && echo veth; ip link add bl_doc_br0 type bridge && echo bridge'

export async function runDoctor(opts: DoctorOptions = {}): Promise<DoctorCheck[]> {
  const host = opts.host ?? realHost
  const procDir = opts.nsPid ? `/proc/${opts.nsPid}` : '/proc/self'
  const fsRoot = opts.nsPid ? `/proc/${opts.nsPid}/root` : ''
  const inNs = (cmd: string, args: string[]): Promise<HostResult> =>
    opts.nsPid ? host('nsenter', [`--target=${opts.nsPid}`, '--net', '--mount', '--', cmd, ...args]) : host(cmd, args)
  const asRoot = isRoot()

  const [ip, btrfs, unshare, probe, bridgeJson, mounts, filesystems, procCgroups, cgMounts, missingCg] = await Promise.all([
    host('ip', ['-V']),
    host('btrfs', ['--version']),
    host('unshare', ['--version']),
    asRoot ? host('unshare', ['--net', 'sh', '-c', KERNEL_PROBE]) : Promise.resolve(undefined),
    inNs('ip', ['-j', 'addr', 'show', 'dev', BRIDGE]),
    readText(`${procDir}/mounts`),
    readText('/proc/filesystems'),
    readText('/proc/cgroups'),
    cgroupMounts(procDir),
    missingPrograms(CGROUP_TOOLS),
  ])
  const fsType = mountedFsType(mounts, BTRFS_PATH)
  return [
    {
      id: 'root',
      ok: asRoot,
      blocking: true,
      detail: words(asRoot ? 'lab.doctor.root.ok' : 'lab.doctor.root.no'),
      fix: 'sudo bocker-learn doctor',
    },
    ...(await kernelChecks(probe, filesystems)),
    ...toolChecks(ip, btrfs, unshare, missingCg),
    ...btrfsChecks(fsType, fsRoot),
    bridgeCheck(bridgeJson),
    await cgroupCheck(
      fsRoot,
      procCgroups,
      cgMounts.filter(m => m.version === 1).flatMap(m => m.controllers),
    ),
    ...(await labChecks(fsRoot, fsType)),
    await registryCheck(),
  ]
}
