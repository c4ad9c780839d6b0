// bocker's resource names for a container id. Only exact matches are ever touched:
// `ps_42032x`, `netns_ps_foo`, `myps_42032` or `veth0_ps_4203` belong to someone else.
export const UUID_RE = /^ps_\d{5}$/
const NETNS_RE = /^netns_(ps_\d{5})$/
const VETH_RE = /^veth[01]_(ps_\d{5})$/
const LEDGER_RE = /^(ps_\d{5})\.json$/
const IMAGE_RE = /^img_\d{5}$/

export const isUuid = (name: string): boolean => UUID_RE.test(name)
export const isImage = (name: string): boolean => IMAGE_RE.test(name)
export const uuidOfNetns = (name: string): string | undefined => NETNS_RE.exec(name)?.[1]
export const uuidOfVeth = (name: string): string | undefined => VETH_RE.exec(name)?.[1]
export const uuidOfLedgerFile = (name: string): string | undefined => LEDGER_RE.exec(name)?.[1]

export const netnsName = (uuid: string): string => `netns_${uuid}`
export const hostVeth = (uuid: string): string => `veth0_${uuid}`
export const peerVeth = (uuid: string): string => `veth1_${uuid}`

// The lesson's own experiments name what they make after the container id (ps_42032_a cgroups,
// bl_sbx_ps_42032 namespaces, .bl_scratch_ps_42032 under /var/bocker): ours to remove with it.
const EXP_CGROUP_RE = /^(ps_\d{5})_[a-z0-9]+$/
const EXP_NETNS_RE = /^bl_sbx_(ps_\d{5})(?:_[a-z0-9]+)?$/
const EXP_BTRFS_RE = /^\.bl_[a-z]+_(ps_\d{5})$/
export const uuidOfExperimentCgroup = (name: string): string | undefined => EXP_CGROUP_RE.exec(name)?.[1]
export const uuidOfExperimentNetns = (name: string): string | undefined => EXP_NETNS_RE.exec(name)?.[1]
export const uuidOfExperimentDir = (name: string): string | undefined => EXP_BTRFS_RE.exec(name)?.[1]
