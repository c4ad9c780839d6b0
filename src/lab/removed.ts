// One thing a cleanup removed (or could not remove). render/removed.ts says it in the learner's language.
export interface Removed {
  what:
    | 'process'
    | 'veth'
    | 'netns'
    | 'cgroup'
    | 'subvolume'
    | 'ledger-entry'
    | 'session-dir'
    | 'image'
    | 'temp-dir'
    | 'service'
    | 'progress'
  name: string
  ok: boolean
  /** for a process */
  pid?: number
  /** when !ok: the tool's own error text, or 'busy' */
  reason?: string
}
