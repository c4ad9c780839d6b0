// What the probes take from outside: the one way to run ip and btrfs, whether they may look where only
// root may, and where things are (lab's Places). Tests pass a fake host, `root: false` and fixture directories.
import { type Host, isRoot, realHost } from '../../core/host.js'
import { MACHINE, type Places } from '../../lab/paths.js'

export interface ProbeEnv {
  host: Host
  /** entering a netns, `btrfs subvolume list` and other users' /proc/PID/ns need root */
  root: boolean
  places: Places
}
export type ProbeOptions = Partial<ProbeEnv>

export function probeEnv(o: ProbeOptions = {}): ProbeEnv {
  return { host: o.host ?? realHost, root: o.root ?? isRoot(), places: o.places ?? MACHINE }
}
