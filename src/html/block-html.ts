// A block that runs: where its output will go (and its code, when the prose does not show it already).
import type { Lang } from '../core/context.js'
import { t } from '../render/words/index.js'
import type { RunEvent } from '../run/events.js'
import { esc } from './escape.js'
import { rootAttrs } from './event-html.js'

export function blockHtml(id: string, ms: number, e: Extract<RunEvent, { type: 'block-started' }>, withCode: boolean, lang: Lang): string {
  const code = withCode ? `<pre class="plain run-code"><code>${esc(e.code)}</code></pre>` : ''
  const body = e.tty
    ? `<p class="note">${esc(t(lang, 'html.ttyBlock'))}</p>`
    : `<pre class="output" id="${id}-pre" data-empty="${esc(t(lang, 'html.noOutput'))}"></pre>`
  const cls = ['run', e.role, e.quiet ? 'quiet' : '', e.tty ? 'tty' : ''].filter(Boolean).join(' ')
  return `<div ${rootAttrs(id, ms, cls)} data-role="${e.role}" data-line="${e.line}">${code}${body}</div>`
}
