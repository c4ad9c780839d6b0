// An exercise's events as terminal lines: its check's verdict, hints, the model solution.
import kleur from 'kleur'
import type { Lang } from '../../core/context.js'
import type { RunEvent } from '../../run/events.js'
import { terminalWidth, wrap } from '../width.js'
import { t } from '../words/index.js'

const indented = (text: string): string[] =>
  text
    .trimEnd()
    .split('\n')
    .filter(Boolean)
    .map(l => `    ${l}`)

/** the lines for an exercise event; undefined for any other event */
export function exerciseLines(e: RunEvent, lang: Lang, color: boolean): string[] | undefined {
  const paint = (text: string, c: 'green' | 'red' | 'yellow'): string => (color ? kleur[c](text) : text)
  switch (e.type) {
    case 'exercise-checked': {
      if (e.after === 'nothing') {
        // under --yes: the check must not pass on the lab as it was
        const key = e.solved ? 'exercise.passesUntouched' : 'exercise.failsUntouched'
        return [paint(t(lang, key, { label: e.label }), e.solved ? 'red' : 'green')]
      }
      if (e.solved) return [paint(t(lang, 'exercise.solved', { label: e.label }), 'green')]
      return [paint(t(lang, 'exercise.notYet', { label: e.label }), e.after === 'solution' ? 'red' : 'yellow'), ...indented(e.output)]
    }
    case 'hint':
      return ['', ...wrap(t(lang, 'exercise.hint', { n: e.n, total: e.total }), terminalWidth()), ...indented(e.text), '']
    case 'solution-shown':
      return ['', t(lang, 'exercise.solution'), ...indented(e.code), '']
    case 'exercise-ended':
      return e.result === 'skipped' ? wrap(t(lang, 'exercise.skipped'), terminalWidth()) : []
    case 'exercise-answered':
      return []
    default:
      return undefined
  }
}
