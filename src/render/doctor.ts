// The doctor's checks as text: the table `doctor` prints, its --json, and preflight's one line per missing piece.
import kleur from 'kleur'
import type { Lang } from '../core/context.js'
import type { DoctorCheck, Phrase } from '../lab/doctor.js'
import { displayWidth } from './width.js'
import { t } from './words/index.js'

/** Words in the learner's language; a plain string (a command, a tool's output) as it is. */
export function phraseText(p: Phrase, lang: Lang): string {
  return typeof p === 'string' ? p : t(lang, p.key, p.vars)
}

// The words ok / NG / warn carry the meaning; colour only repeats it.
function status(c: DoctorCheck, lang: Lang): string {
  const word = t(lang, c.ok ? 'lab.doctor.status.ok' : c.blocking ? 'lab.doctor.status.ng' : 'lab.doctor.status.warn')
  const padded = word + ' '.repeat(Math.max(0, 4 - displayWidth(word)))
  if (c.ok) return kleur.green(padded)
  return c.blocking ? kleur.red().bold(padded) : kleur.yellow(padded)
}

export function formatChecks(checks: DoctorCheck[], lang: Lang): string[] {
  const width = Math.max(...checks.map(c => c.id.length))
  const lines: string[] = []
  for (const c of checks) {
    lines.push(`${status(c, lang)}  ${c.id.padEnd(width)}  ${phraseText(c.detail, lang)}`)
    if (!c.ok && c.fix) lines.push(`${' '.repeat(4 + 2 + width + 2)}${t(lang, 'lab.doctor.fix', { fix: phraseText(c.fix, lang) })}`)
  }
  return lines
}

/** `doctor --json`: each check with its texts in the learner's language, and the words' key when there is one. */
export function checksAsJson(checks: DoctorCheck[], lang: Lang): object[] {
  return checks.map(c => ({
    id: c.id,
    ok: c.ok,
    blocking: c.blocking,
    detail: phraseText(c.detail, lang),
    ...(typeof c.detail === 'string' ? {} : { key: c.detail.key }),
    ...(c.fix === undefined ? {} : { fix: phraseText(c.fix, lang) }),
    ...(c.because === undefined ? {} : { because: c.because }),
  }))
}

/** preflight: one line for a missing piece, with its fix. */
export function missingLine(c: DoctorCheck, lang: Lang): string {
  const detail = phraseText(c.detail, lang)
  return c.fix === undefined
    ? t(lang, 'lab.preflight.missing', { detail })
    : t(lang, 'lab.preflight.missingFix', { detail, fix: phraseText(c.fix, lang) })
}
