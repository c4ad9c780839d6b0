// The HTML of single events: a block's exit status, what changed (with the network picture), a claim,
// an exercise's verdicts, the run's end. The sentences are the terminal's own (src/render/words).
import type { Lang } from '../core/context.js'
import type { Change } from '../observe/diff.js'
import type { Snapshot } from '../observe/probes/index.js'
import { formatChange } from '../render/changes.js'
import { networkChanged } from '../render/picture.js'
import { endingPhrases, resultLines } from '../render/terminal/endings.js'
import { exerciseLines } from '../render/terminal/exercise-lines.js'
import { uuidWhy } from '../render/uuid.js'
import { say, t } from '../render/words/index.js'
import type { BlockResult, RunEvent, RunOutcome } from '../run/events.js'
import { esc, stripAnsi } from './escape.js'
import { networkSvg } from './network-svg.js'

/** the root element's attributes every fragment carries: its id and when its event was taken */
export const rootAttrs = (id: string, ms: number, cls?: string): string => `id="${esc(id)}"${cls ? ` class="${cls}"` : ''} data-ms="${ms}"`

const lines = (texts: string[]): string => texts.map(l => esc(stripAnsi(l))).join('<br>')

export function resultHtml(id: string, ms: number, r: BlockResult, lang: Lang): string {
  const cls = r.timedOut || r.interrupted || r.shellDied ? 'failed' : r.exitCalled !== undefined ? 'exited' : r.accepted ? 'ok' : 'failed'
  return `<p ${rootAttrs(id, ms, `result ${cls}`)} data-status="${r.status}">${lines(resultLines(r, lang, false))}</p>`
}

export function changesHtml(id: string, ms: number, changes: Change[], after: Snapshot, lang: Lang): string {
  if (changes.length === 0) return `<div ${rootAttrs(id, ms, 'changes none')}><p class="title">${esc(t(lang, 'state.none'))}</p></div>`
  const items = changes
    .map(c => {
      const [mark, ...rest] = stripAnsi(formatChange(c, lang)).split(' ')
      return `<li class="change ${c.kind}" data-what="${esc(c.what)}"><span class="mark">${esc(mark ?? '')}</span> ${esc(rest.join(' '))}</li>`
    })
    .join('')
  const svg = networkChanged(changes) ? networkSvg(after, lang) : ''
  const picture = svg ? `<figure class="picture">${svg}</figure>` : ''
  return `<div ${rootAttrs(id, ms, 'changes')}><p class="title">${esc(t(lang, 'state.title'))}</p><ul>${items}</ul>${picture}</div>`
}

export function claimHtml(
  o: {
    id: string
    ms: number
    label: string
    status: 'held' | 'failed' | 'interrupted'
    exitStatus: number
    output: string
    code?: string
  },
  lang: Lang,
): string {
  const mark = o.status === 'held' ? '✓' : o.status === 'failed' ? '✗' : '■'
  const verdict =
    o.status === 'interrupted'
      ? t(lang, 'check.interrupted', { label: o.label })
      : t(lang, o.status === 'held' ? 'check.ok' : 'check.failed', { label: o.label, status: o.exitStatus })
  const output = o.status === 'failed' && o.output.trim() ? `<pre class="claim-output">${esc(stripAnsi(o.output.trimEnd()))}</pre>` : ''
  const code = o.code ? `<details class="code"><summary>${esc(t(lang, 'block.check'))}</summary>${o.code}</details>` : ''
  return (
    `<div ${rootAttrs(o.id, o.ms, `check claim ${o.status}`)} data-label="${esc(o.label)}" data-status="${o.status}">` +
    `<span class="mark">${mark}</span> <span class="label" title="${esc(verdict)}">${esc(o.label)}</span>` +
    `<span class="verdict">${esc(verdict.replace(/^[✓✗■]\s*/, ''))}</span>${output}${code}</div>`
  )
}

/** an exercise's check, hint, model solution or end; undefined for other events */
export function exerciseHtml(id: string, ms: number, e: RunEvent, lang: Lang): string | undefined {
  const text = exerciseLines(e, lang, false)
  if (!text) return undefined
  switch (e.type) {
    case 'exercise-checked': {
      const expected = e.after === 'nothing' ? !e.solved : e.solved
      const status = expected ? 'held' : e.after === 'try' ? 'not-yet' : 'failed'
      const output = !e.solved && e.output.trim() ? `<pre class="claim-output">${esc(stripAnsi(e.output.trimEnd()))}</pre>` : ''
      return (
        `<div ${rootAttrs(id, ms, `check claim exercise-check ${status}`)} data-label="${esc(e.label)}" data-after="${e.after}" data-status="${status}">` +
        `<span class="mark">${expected ? '✓' : '✗'}</span> <span class="label">${esc(stripAnsi(text[0] ?? '').replace(/^[✓✗]\s*/, ''))}</span>${output}</div>`
      )
    }
    case 'hint':
      return `<div ${rootAttrs(id, ms, 'hint-shown')}><p class="title">${esc(t(lang, 'exercise.hint', { n: e.n, total: e.total }))}</p><p>${esc(e.text)}</p></div>`
    case 'solution-shown':
      return `<div ${rootAttrs(id, ms, 'solution-shown')}><p class="title">${esc(t(lang, 'exercise.solution'))}</p><pre class="plain"><code>${esc(e.code)}</code></pre></div>`
    case 'exercise-ended':
      return e.result === 'skipped' ? noteHtml(id, ms, t(lang, 'exercise.skipped')) : ''
    default:
      return ''
  }
}

export const noteHtml = (id: string, ms: number, text: string, cls = 'note'): string =>
  `<p ${rootAttrs(id, ms, cls)}>${esc(stripAnsi(text))}</p>`

export const preHtml = (id: string, ms: number, text: string[], cls: string): string =>
  `<figure ${rootAttrs(id, ms, cls)}><pre>${esc(stripAnsi(text.join('\n')))}</pre></figure>`

export function endedHtml(ms: number, o: RunOutcome, lessonFile: string, lang: Lang): string {
  const { out, err } = endingPhrases(o, lessonFile)
  const said = [...out.map(p => `<p>${esc(say(lang, p))}</p>`), ...err.map(p => `<p class="failed">${esc(say(lang, p))}</p>`)]
  const failed = err.length > 0 || (o.status !== 'done' && !(o.status === 'exited' && o.code === 0))
  return (
    `<section ${rootAttrs('run-ended', ms, `run-ended ${failed ? 'failed' : 'ok'}`)} data-status="${o.status}">` +
    `<h2>${esc(t(lang, 'html.ended'))}: ${esc(t(lang, `html.endedStatus.${o.status}`))}</h2>${said.join('')}</section>`
  )
}

/** the events that are one sentence on the page (the terminal's) */
export function noteText(e: RunEvent, lang: Lang): { text: string; cls: string } | undefined {
  const note = (text: string, cls = 'note'): { text: string; cls: string } => ({ text, cls })
  switch (e.type) {
    case 'orphans-found':
      return note(t(lang, 'run.orphans', { uuids: e.uuids.join(', ') }))
    case 'services': {
      const vars = { addresses: e.addresses.join(', '), pids: e.pids.join(', ') }
      return note(t(lang, e.started ? 'run.services.started' : 'run.services.joined', vars))
    }
    case 'catch-up':
      return note(t(lang, 'run.quiet', { n: e.until + 1 }))
    case 'failure-explained':
      return note(t(lang, 'run.btrfsFull', { path: e.path, free: e.freeMiB }), 'note failed')
    case 'uuid':
      if (e.kind === 'claimed') return note(t(lang, 'run.uuid', { uuid: e.uuid, ip: e.ip }))
      if (e.kind === 'pinned') return note(t(lang, 'run.uuidPinned', { uuid: e.uuid }))
      if (e.kind === 'kept') return note(t(lang, 'run.uuidKept', { uuid: e.uuid }))
      return e.kind === 'retry' ? note(t(lang, 'run.uuidRetry', { uuid: e.uuid, why: uuidWhy(e.problem) })) : undefined
    case 'kept':
      return note(t(lang, 'run.kept', { uuid: e.uuid }), 'note kept')
    default:
      return undefined
  }
}

/** how a step ended, when that is worth a line (failed, interrupted, or its line done before a stopped try) */
export function stepEndedHtml(id: string, ms: number, status: string, lang: Lang): string {
  const text =
    status === 'failed' || status === 'interrupted'
      ? t(lang, `html.stepEnded.${status}`)
      : status === 'line-done'
        ? t(lang, 'run.tryInterrupted')
        : ''
  return `<p ${rootAttrs(id, ms, `step-end ${status}`)} data-status="${status}">${esc(text)}</p>`
}

export function teardownHtml(ms: number, lang: Lang): string {
  return `<section ${rootAttrs('teardown', ms, 'teardown')}><h2>${esc(t(lang, 'html.teardown'))}</h2><div class="log" id="teardown-log"></div></section>`
}
