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

const WHOLE = /^"(?:\$\{@:(\d+)\}|(\$@)|\$\{?([A-Za-z_]\w*|\d)\}?)"/
const REF = /^(?:\$\{@:(\d+)\}|(\$@)|\$\{([A-Za-z_]\w*|\d)\}|\$([A-Za-z_]\w*|\d))/
const FUNCTION_START = /(?:\bfunction\s+[\w-]+\s*(?:\(\s*\))?|\b[\w-]+\s*\(\s*\))\s*\{/g
const plain = (v: string): boolean => /^[\w./:,=@%+-]*$/.test(v)
const inDoubleQuotes = (v: string): string => v.replace(/(["\\$`])/g, '\\$1')

/** whether `name` is assigned (name=, for name in, read … name, local/declare name) before `at` */
function assignedBefore(code: string, name: string, at: number): boolean {
  const before = code.slice(0, at)
  return new RegExp(
    `(^|[\\s;&|({])${name}(\\[[^\\]]*\\])?\\+?=|\\bfor\\s+${name}\\s|\\bread\\b[^;&|\\n]*\\s${name}\\b|\\b(local|declare|typeset|export)\\b[^;&|\\n]*\\s${name}\\b`,
  ).test(before)
}

/** `set -- …` or `shift` before `at` gives the block other arguments */
const reassignsArgs = (code: string, at: number): boolean => /\bset\s+--|\bshift\b/.test(code.slice(0, at))

/** [start, end) of every function body: there $1, $@… are the function's own arguments */
export function functionBodies(code: string): Array<[number, number]> {
  const bodies: Array<[number, number]> = []
  for (const m of code.matchAll(FUNCTION_START)) {
    let depth = 0
    for (let i = m.index + m[0].length - 1; i < code.length; i++) {
      if (code[i] === '{') depth++
      else if (code[i] === '}' && --depth === 0) {
        bodies.push([m.index, i + 1])
        break
      }
    }
  }
  return bodies
}

/**
 * The lesson's variables and arguments put in where bash itself would expand them: not inside '…',
 * not after a backslash, not a function's own $1 or $@; inside "…" escaped as "…" needs, elsewhere
 * quoted as a word. What is not known (or not a plain reference, like ${x:-y}) stays as written.
 */
export function substitute(code: string, vars: Map<string, string>, positional: string[]): string {
  const bodies = functionBodies(code)
  const inBody = (at: number): boolean => bodies.some(([s, e]) => at >= s && at < e)
  // a function body runs later, when a variable may hold something else; so does anything after
  // the block itself (re)assigns it
  const known = (name: string, at: number): string | undefined => {
    if (inBody(at)) return undefined
    if (/^\d+$/.test(name)) return reassignsArgs(code, at) ? undefined : positional[Number(name) - 1]
    return assignedBefore(code, name, at) ? undefined : vars.get(name)
  }
  const rest = (from: number, at: number): string | undefined =>
    inBody(at) || reassignsArgs(code, at)
      ? undefined
      : positional
          .slice(from - 1)
          .map(shellQuote)
          .join(' ')
  let out = ''
  const frames = [{ double: false, parens: 0 }]
  let single = false
  for (let i = 0; i < code.length; ) {
    const c = code[i]!
    const f = frames.at(-1)!
    if (single) {
      single = c !== "'"
      out += c
      i++
      continue
    }
    if (c === '\\') {
      out += code.slice(i, i + 2)
      i += 2
      continue
    }
    if (c === '"' && !f.double) {
      // a "…" that is one reference: a plain value needs no quotes, "$@" becomes the words
      const m = WHOLE.exec(code.slice(i))
      const words = m ? ((m[1] ?? m[2]) ? rest(Number(m[1] ?? 1), i) : undefined) : undefined
      const v = m && !(m[1] ?? m[2]) ? known(m[3]!, i) : undefined
      if (m && (words ?? v) !== undefined) {
        out += words ?? (plain(v!) ? v! : `"${inDoubleQuotes(v!)}"`)
        i += m[0].length
        continue
      }
    }
    if (c === '$' && code[i + 1] === '(') {
      frames.push({ double: false, parens: 0 })
      out += '$('
      i += 2
      continue
    }
    if (c === '$') {
      const m = REF.exec(code.slice(i))
      const many = m !== null && (m[1] ?? m[2]) !== undefined
      const from = Number(m?.[1] ?? 1)
      const v = m === null ? undefined : many ? rest(from, i) : known(m[3] ?? m[4]!, i)
      if (m && v !== undefined) {
        // inside "…" the words stay one string, joined by spaces, as bash joins "$*"-like text
        if (f.double) out += inDoubleQuotes(many ? positional.slice(from - 1).join(' ') : v)
        else out += many || plain(v) ? v : shellQuote(v)
        i += m[0].length
        continue
      }
    }
    if (c === '"') f.double = !f.double
    else if (!f.double) {
      if (c === "'") single = true
      else if (c === '(') f.parens++
      else if (c === ')') {
        if (f.parens > 0) f.parens--
        else if (frames.length > 1) frames.pop()
      }
    }
    out += c
    i++
  }
  return out
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

/** The values the dry run knows: the lesson's assignment lines, evaluated with only pure text tools. */
export function evaluate(lesson: Lesson, plan: Plan, args: string[], uuid: string | undefined): Map<string, string> {
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
