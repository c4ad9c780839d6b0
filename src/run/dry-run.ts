// --dry-run: every step's command with the variables that can be known substituted; nothing runs.
// Steps that only assign variables (uuid=…, cmd=… && ip=… && mac=…) are evaluated in a bash whose
// PATH holds only a few pure text tools, so their values are real, not guessed.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Lesson } from '../lesson/types.js'
import type { Plan } from '../plan/plan.js'
import { shellQuote } from '../shell/quote.js'

const PURE_TOOLS = ['shuf', 'sed', 'cut', 'tr', 'head', 'tail', 'printf', 'expr']

export function isAssignmentOnly(code: string): boolean {
  const src = code.replace(/\\\n/g, ' ').trim()
  if (src.includes('\n') || /[;|<>`]/.test(src.replace(/\$\([^)]*\)/g, '').replace(/"[^"]*"/g, '""'))) return false
  return src.split('&&').every(part => /^\s*[A-Za-z_]\w*=/.test(part))
}

const assignedNames = (code: string): string[] =>
  code
    .replace(/\\\n/g, ' ')
    .split('&&')
    .map(part => /^\s*([A-Za-z_]\w*)=/.exec(part)?.[1])
    .filter(n => n !== undefined)

// One pass over the text, so a substituted value is never substituted again.
const REFERENCE = /"\$\{@:(\d+)\}"|\$\{@:(\d+)\}|"\$@"|"\$\{?([A-Za-z_]\w*|\d)\}?"|\$\{([A-Za-z_]\w*|\d)\}|\$([A-Za-z_]\w*|\d)/g

/**
 * The code cut where single quotes open and close: odd pieces are quoted text, which bash never
 * expands. Inside "…" a ' is a plain character, but a $( … ) in it starts its own quoting again.
 */
export function singleQuoted(code: string): string[] {
  const pieces: string[] = []
  let start = 0
  let inSingle = false
  // one frame per $( … ) we are in: whether we are inside "…" there, and open ( … ) subshells
  const frames = [{ double: false, parens: 0 }]
  for (let i = 0; i < code.length; i++) {
    const c = code[i]
    const f = frames.at(-1)!
    if (inSingle) {
      if (c !== "'") continue
      pieces.push(code.slice(start, i + 1))
      start = i + 1
      inSingle = false
    } else if (c === '\\') i++
    else if (c === '$' && code[i + 1] === '(') {
      frames.push({ double: false, parens: 0 })
      i++
    } else if (c === '"') f.double = !f.double
    else if (f.double) continue
    else if (c === "'") {
      pieces.push(code.slice(start, i))
      start = i
      inSingle = true
    } else if (c === '(') f.parens++
    else if (c === ')') {
      if (f.parens > 0) f.parens--
      else if (frames.length > 1) frames.pop()
    }
  }
  pieces.push(code.slice(start))
  return pieces
}

export function substitute(code: string, vars: Map<string, string>, positional: string[]): string {
  return singleQuoted(code)
    .map((piece, i) => (i % 2 === 1 ? piece : substituteIn(piece, vars, positional)))
    .join('')
}

function substituteIn(code: string, vars: Map<string, string>, positional: string[]): string {
  const value = (name: string): string | undefined => (/^\d+$/.test(name) ? positional[Number(name) - 1] : vars.get(name))
  const plain = (v: string): boolean => /^[\w./:,=@%+-]*$/.test(v)
  return code.replace(REFERENCE, (m, restQ?: string, rest?: string, quoted?: string, braced?: string, bare?: string) => {
    if (restQ ?? rest)
      return positional
        .slice(Number(restQ ?? rest) - 1)
        .map(shellQuote)
        .join(' ')
    if (m === '"$@"') return positional.map(shellQuote).join(' ')
    const v = value(quoted ?? braced ?? bare ?? '')
    if (v === undefined) return m
    if (plain(v)) return v
    return quoted !== undefined ? `"${v.replace(/(["\\$`])/g, '\\$1')}"` : shellQuote(v)
  })
}

export interface DryRun {
  args: string[]
  prelude: string[]
  steps: { id: string; code: string[] }[]
}

/** Every block of the plan with what can be known substituted; nothing runs. */
export function dryRun(lesson: Lesson, plan: Plan, args: string[], uuid: string | undefined): DryRun {
  const vars = evaluate(lesson, plan, args, uuid)
  return {
    args,
    prelude: lesson.prelude.map(b => b.code),
    steps: plan.steps.map(step => ({ id: step.id, code: step.blocks.map(b => substitute(b.code, vars, args)) })),
  }
}

function evaluate(lesson: Lesson, plan: Plan, args: string[], uuid: string | undefined): Map<string, string> {
  const bin = mkdtempSync(join(tmpdir(), 'bocker-learn-dry-'))
  try {
    for (const tool of PURE_TOOLS) {
      const found = spawnSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).stdout.trim()
      if (found.startsWith('/')) symlinkSync(found, join(bin, tool))
    }
    // a value made by a program that is not here (curl, uuidgen…) is unknown, not empty
    const unknownIfMissing = (code: string): string => `${code}; (( $? == 127 )) && unset ${assignedNames(code).join(' ')}`
    const lines = [
      'set -o pipefail',
      ...lesson.prelude
        .flatMap(b => b.code.split('\n'))
        .filter(isAssignmentOnly)
        .map(unknownIfMissing),
      ...plan.steps.flatMap(s =>
        s.blocks
          .filter(b => b.role === 'step' && isAssignmentOnly(b.code))
          .map(b => (s.allocatesUuid && uuid ? `${unknownIfMissing(b.code)}; uuid=${uuid}` : unknownIfMissing(b.code))),
      ),
      'declare -p',
    ]
    const r = spawnSync('/bin/bash', ['--noprofile', '--norc', '-c', lines.join('\n'), 'bocker-learn', ...args], {
      encoding: 'utf8',
      env: { PATH: bin },
      timeout: 5000,
    })
    const vars = new Map<string, string>()
    for (const m of (r.stdout ?? '').matchAll(/^declare -- ([a-z_]\w*)="((?:[^"\\]|\\.)*)"$/gm)) {
      vars.set(m[1]!, m[2]!.replace(/\\(.)/g, '$1'))
    }
    return vars
  } finally {
    rmSync(bin, { recursive: true, force: true })
  }
}
