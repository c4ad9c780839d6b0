// The room page's pieces: a row per learner, the count, the checks that failed. Everything a report
// says is escaped (esc); ids are hashes, never a learner's name.
import { createHash } from 'node:crypto'
import type { Lang } from '../core/context.js'
import { esc } from '../html/escape.js'
import { t } from '../render/words/index.js'
import type { FailedClaim, LearnerView } from './room.js'

export const ROWS_ID = 'room-learners'
export const COUNT_ID = 'room-count'
export const FAILED_ID = 'room-failed'

const ids = new Map<string, string>()
export function rowId(key: string): string {
  let id = ids.get(key)
  if (id === undefined) {
    id = `learner-${createHash('sha256').update(key).digest('hex').slice(0, 12)}`
    if (ids.size < 10_000) ids.set(key, id)
  }
  return id
}

/** grid styles of the room's own table (the page's stylesheet knows the run, not the room) */
const STYLE = `<style>
.room-table{display:grid;grid-template-columns:minmax(6em,1.2fr) max-content max-content minmax(8em,2fr) max-content minmax(8em,1.6fr);gap:0;margin:1em 0}
.room-table [role=row]{display:contents}
.room-table [role=cell],.room-table [role=columnheader]{padding:.35em .6em;border-bottom:1px solid #d0d7de;white-space:nowrap}
.room-table [role=cell]:nth-child(1),.room-table [role=cell]:nth-child(4),.room-table [role=cell]:nth-child(6){white-space:normal;overflow-wrap:anywhere}
.room-table [role=columnheader]{font-weight:bold;background:#f6f8fa}
.learner.stuck [role=cell]{background:#fff1f0}
.learner.ended [role=cell]{color:#57606a}
.learner .failed-labels{color:#cf222e}
.room-failed li{margin:.2em 0}
</style>`

export function elapsedText(lang: Lang, ms: number): string {
  const s = Math.floor(ms / 1000)
  return s < 60 ? t(lang, 'room.seconds', { n: Math.floor(s / 10) * 10 }) : t(lang, 'room.minutes', { n: Math.floor(s / 60) })
}

export function rowHtml(lang: Lang, v: LearnerView): string {
  const state = v.ended ? 'ended' : v.stuck ? 'stuck' : 'working'
  const status = v.ended
    ? t(lang, 'room.finished')
    : v.stuck?.kind === 'failed'
      ? t(lang, 'room.stuckFailed')
      : v.stuck?.kind === 'slow'
        ? t(lang, 'room.stuckSlow', { ratio: v.stuck.ratio })
        : t(lang, 'room.working')
  const failed = v.failed.length > 0 ? ` <span class="failed-labels">✗ ${v.failed.map(esc).join(', ')}</span>` : ''
  const step = v.step === '' ? '—' : `${v.n}/${v.total} <code>${esc(v.step)}</code>`
  const cells = [
    `<span class="learner-name">${esc(v.name)}</span>`,
    esc(v.lesson),
    step,
    `<span class="held">✓ ${v.held}</span>${failed}`,
    v.ended ? '—' : elapsedText(lang, v.elapsedMs),
    status,
  ]
  return `<div id="${rowId(v.key)}" class="learner ${state}" role="row" data-name="${esc(v.name)}" data-step="${esc(v.step)}" data-state="${state}">${cells.map(c => `<span role="cell">${c}</span>`).join('')}</div>`
}

export function countHtml(lang: Lang, views: LearnerView[], reportUrl: string): string {
  const text =
    views.length === 0
      ? t(lang, 'room.waiting', { url: reportUrl })
      : t(lang, 'room.count', { n: views.length, stuck: views.filter(v => v.stuck).length })
  return `<p id="${COUNT_ID}" class="room-count" data-learners="${views.length}">${esc(text)}</p>`
}

export function failedHtml(lang: Lang, failed: FailedClaim[]): string {
  const items = failed.map(
    f =>
      `<li class="failed-claim" data-label="${esc(f.label)}" data-count="${f.count}"><code>${esc(f.lesson)}</code> · <code>${esc(f.step)}</code>: ${esc(f.label)} — ${esc(t(lang, 'room.failedCount', { n: f.count }))}</li>`,
  )
  const inner = items.length === 0 ? `<p>${esc(t(lang, 'room.noFailures'))}</p>` : `<ul>${items.join('')}</ul>`
  return `<div id="${FAILED_ID}" class="room-failed">${inner}</div>`
}

/** the whole room as it is now: the page a teacher opens */
export function roomBody(lang: Lang, code: string, floorMs: number, parts: { count: string; rows: string[]; failed: string }): string {
  const head = ['room.name', 'room.lesson', 'room.step', 'room.claims', 'room.time', 'room.status'] as const
  return [
    `<section id="room" class="room">${STYLE}`,
    `<h1>${esc(t(lang, 'room.title', { code }))}</h1>`,
    parts.count,
    `<p class="room-rule">${esc(t(lang, 'room.stuckRule', { s: Math.round(floorMs / 1000) }))}</p>`,
    `<div class="room-table" role="table"><div role="row">${head.map(k => `<span role="columnheader">${esc(t(lang, k))}</span>`).join('')}</div>`,
    `<div id="${ROWS_ID}" role="rowgroup" style="display:contents">${parts.rows.join('')}</div></div>`,
    `<h2>${esc(t(lang, 'room.failedTitle'))}</h2>`,
    parts.failed,
    '</section>',
  ].join('')
}
