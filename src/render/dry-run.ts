// --dry-run as text: a bash-like listing, each step under a comment with its number and id.
import type { Lang } from '../core/context.js'
import type { DryRun } from '../run/dry-run.js'
import { shellQuote } from '../shell/quote.js'
import { t } from './words/index.js'

export function formatDryRun(d: DryRun, lesson: string, lang: Lang): string[] {
  const lines = [t(lang, 'dry.header', { name: lesson }), `# set -- ${d.args.map(shellQuote).join(' ')}`, ...d.prelude]
  d.steps.forEach((step, i) => {
    lines.push('', `# ${t(lang, 'step.header', { n: i + 1, total: d.steps.length, id: step.id })}`, ...step.code)
  })
  return lines
}
