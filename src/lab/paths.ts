// Where bocker and bocker-learn keep things on the machine. Overridable for tests.
export const BTRFS_PATH = process.env.BOCKER_LEARN_BTRFS_PATH ?? '/var/bocker'
export const STATE_DIR = process.env.BOCKER_LEARN_STATE_DIR ?? '/var/lib/bocker-learn'
export const LEDGER_DIR = `${STATE_DIR}/runs`
export const LOOP_FILE = `${STATE_DIR}/bocker.img`
export const LAB_MARKER = '/etc/bocker-learn/lab'
export const BRIDGE = 'bridge0'
export const GATEWAY = '10.0.0.1'
export const BASE_IMAGE = 'img_42001'
export const CGROUP_ROOT = process.env.BOCKER_LEARN_CGROUP_ROOT ?? '/sys/fs/cgroup'
export const NETNS_DIR = '/run/netns'
export const SYS_NET = '/sys/class/net'

/** Where cleanup and reset look for a container's pieces; unit tests point these at a temporary directory. */
export interface Places {
  btrfs: string
  netnsDir: string
  /** one entry per network device, like /sys/class/net */
  sysNet: string
  ledgerDir: string
  /** its `mounts` file tells where the cgroup hierarchies are */
  procSelf: string
  cgroupRoot: string
}

export const MACHINE: Places = {
  btrfs: BTRFS_PATH,
  netnsDir: NETNS_DIR,
  sysNet: SYS_NET,
  ledgerDir: LEDGER_DIR,
  procSelf: '/proc/self',
  cgroupRoot: CGROUP_ROOT,
}
