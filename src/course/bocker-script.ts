// The lab's `bocker` command, assembled from the lessons' `bash source` blocks (bocker's own code as
// the lessons quote it): the head, every function in course order, the dispatcher. A learner who
// types `bocker ps` in an exercise runs exactly what the lessons teach.
import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import type { CgroupMode } from '../lab/cgroup-mode.js'
import { STATE_DIR } from '../lab/paths.js'
import { findLesson } from '../lesson/catalog.js'
import { readLesson } from '../lesson/read.js'
import type { SourceBlock } from '../lesson/types.js'
import { courseOrder } from './order.js'

export const BOCKER_BIN_DIR = `${STATE_DIR}/bin`
export const BOCKER_SCRIPT = `${BOCKER_BIN_DIR}/bocker`

const functionName = (code: string): string | undefined => /^function\s+([\w-]+)\s*\(\)/m.exec(code)?.[1]

/** The script's text from the sources, in the order given (pure). */
export function assembleBocker(sources: SourceBlock[], mode: CgroupMode): string {
  const fits = (s: SourceBlock): boolean => s.when === undefined || s.when === `cgroup-${mode}`
  const heads = sources.filter(s => s.part === 'head' && fits(s))
  const tails = sources.filter(s => s.part === 'tail' && fits(s))
  const functions = new Map<string, string>()
  for (const s of sources.filter(s => s.part === undefined && fits(s))) {
    const name = functionName(s.code) ?? `#${functions.size}`
    // a mode's own version replaces the plain one, wherever either comes
    if (s.when !== undefined || !functions.has(name)) functions.set(name, s.code)
  }
  return [...heads.map(s => s.code), ...functions.values(), ...tails.map(s => s.code)].map(c => c.replace(/\n*$/, '\n')).join('\n')
}

export async function courseSources(): Promise<SourceBlock[]> {
  const sources: SourceBlock[] = []
  for (const name of courseOrder()) {
    try {
      sources.push(...(await readLesson(findLesson(name, 'en'))).sources)
    } catch {
      /* a lesson missing or broken: its function is missing from the script, as `bocker help` shows */
    }
  }
  return sources
}

/** Writes the script (only when it changed, atomically: another run may be using it). */
export async function writeBockerScript(mode: CgroupMode): Promise<string> {
  const sources = await courseSources()
  // lessons from elsewhere (BOCKER_LEARN_LESSONS_DIR) with no course: the lab's script stays as it is
  if (!sources.some(s => s.part === 'head')) return BOCKER_SCRIPT
  const text = assembleBocker(sources, mode)
  let old = ''
  try {
    old = readFileSync(BOCKER_SCRIPT, 'utf8')
  } catch {
    /* first time */
  }
  if (old !== text) {
    mkdirSync(BOCKER_BIN_DIR, { recursive: true })
    const tmp = `${BOCKER_SCRIPT}.${process.pid}`
    writeFileSync(tmp, text)
    chmodSync(tmp, 0o755)
    renameSync(tmp, BOCKER_SCRIPT)
  }
  return BOCKER_SCRIPT
}
