// The floor plan: the stages below render/ produce values and know no language, and no stage
// imports the command line. An arrow pointing back up fails here.
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const SRC = resolve(import.meta.dirname, '../src')
const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap(d =>
    d.isDirectory() ? files(join(dir, d.name)) : d.name.endsWith('.ts') ? [join(dir, d.name)] : [],
  )
const stageOf = (file: string): string => relative(SRC, file).split('/')[0]!.replace(/\.ts$/, '')

/** value imports (not `import type`) of one file, as src-relative stage names */
function valueImports(file: string): { stage: string; spec: string }[] {
  const text = readFileSync(file, 'utf8')
  return [...text.matchAll(/^import (?!type )[^'"]*from '(\.[^']+)'/gm)].map(m => {
    const target = resolve(file, '..', m[1]!)
    return { stage: stageOf(target), spec: m[1]! }
  })
}

const LANGUAGE_FREE = ['core', 'lesson', 'plan', 'run', 'shell', 'observe', 'lab']

describe('stages', () => {
  it.each(LANGUAGE_FREE)('%s/ imports neither render/ nor commands/ (type-only imports aside)', stage => {
    const bad = files(join(SRC, stage)).flatMap(f =>
      valueImports(f)
        .filter(i => i.stage === 'render' || i.stage === 'commands')
        .map(i => `${relative(SRC, f)} → ${i.spec}`),
    )
    expect(bad).toEqual([])
  })

  it('lab/, observe/ and shell/ do not import the run stage', () => {
    const bad = ['lab', 'observe', 'shell'].flatMap(stage =>
      files(join(SRC, stage)).flatMap(f =>
        valueImports(f)
          .filter(i => i.stage === 'run')
          .map(i => `${relative(SRC, f)} → ${i.spec}`),
      ),
    )
    expect(bad).toEqual([])
  })
})
