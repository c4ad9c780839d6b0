// cgroups named ps_*: v1 has one directory per controller hierarchy, v2 one directory in the unified tree.
import { readdir, readFile } from 'node:fs/promises'
import { type CgroupMode, detectCgroupMode } from '../../lab/cgroup-mode.js'
import { isUuid } from '../../lab/names.js'
import { CGROUP_ROOT } from '../../lab/paths.js'

export interface CgroupGroup {
  /** v1: the hierarchy's directory name ('cpu', 'memory', 'cpu,cpuacct'…); v2: '' */
  controller: string
  name: string
  path: string
  /** the limits bocker sets, file name → content */
  values: Record<string, string>
  procs: number[]
}
export interface CgroupState {
  mode: CgroupMode
  root: string
  groups: CgroupGroup[]
}

/** Controllers bocker asks for (`cgcreate -g cpu,cpuacct,memory`) and the files it sets in each. */
const V1_FILES: Record<string, string[]> = { cpu: ['cpu.shares'], cpuacct: [], memory: ['memory.limit_in_bytes'] }
const V2_FILES = ['cpu.weight', 'memory.max']

/** v1 hierarchies bocker uses; co-mounted ones ('cpu,cpuacct') count once, symlinks to them are skipped */
export function bockerHierarchies(entries: { name: string; isDirectory: boolean }[]): string[] {
  return entries
    .filter(e => e.isDirectory && e.name.split(',').some(c => c in V1_FILES))
    .map(e => e.name)
    .sort()
}

export function filesFor(controller: string, mode: CgroupMode): string[] {
  if (mode === 'v2') return V2_FILES
  return controller.split(',').flatMap(c => V1_FILES[c] ?? [])
}

export function parseProcs(text: string): number[] {
  return text
    .split('\n')
    .filter(l => l.trim() !== '')
    .map(Number)
    .sort((a, b) => a - b)
}

async function readIfThere(path: string): Promise<string | undefined> {
  try {
    return (await readFile(path, 'utf8')).trim()
  } catch {
    return undefined
  }
}

async function readGroup(root: string, controller: string, name: string, mode: CgroupMode): Promise<CgroupGroup> {
  const path = controller ? `${root}/${controller}/${name}` : `${root}/${name}`
  const values: Record<string, string> = {}
  for (const file of filesFor(controller, mode)) {
    const v = await readIfThere(`${path}/${file}`)
    if (v !== undefined) values[file] = v
  }
  return { controller, name, path, values, procs: parseProcs((await readIfThere(`${path}/cgroup.procs`)) ?? '') }
}

async function bockerChildren(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir, { withFileTypes: true }))
      .filter(e => e.isDirectory() && isUuid(e.name))
      .map(e => e.name)
      .sort()
  } catch {
    return []
  }
}

/** `mode` is detected from the mount unless given (tests pass 'v2' for a fixture tree on an ordinary disk) */
export async function readCgroups(root = CGROUP_ROOT, mode: CgroupMode = detectCgroupMode(root)): Promise<CgroupState> {
  const groups: CgroupGroup[] = []
  if (mode === 'v2') {
    for (const name of await bockerChildren(root)) groups.push(await readGroup(root, '', name, mode))
    return { mode, root, groups }
  }
  const entries = (await readdir(root, { withFileTypes: true })).map(e => ({ name: e.name, isDirectory: e.isDirectory() }))
  for (const controller of bockerHierarchies(entries)) {
    for (const name of await bockerChildren(`${root}/${controller}`)) groups.push(await readGroup(root, controller, name, mode))
  }
  return { mode, root, groups }
}
