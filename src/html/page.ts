// One self-contained HTML document around a body of fragments: inline CSS and script only, nothing
// fetched from anywhere (a LAN with no internet); the Content-Security-Policy says so to the browser too.
//   handout   a static page (export): folded text opens for printing
//   live      follows the run: EventSource('stream?from=<nextSeq>'), each message a Fragment's JSON
//   presenter the same, large type, one step per screen, keys to page
//   room      the teacher's view of the room: fragments from 'room/stream?from=<nextSeq>'
import type { Lang } from '../core/context.js'
import { t } from '../render/words/index.js'
import { esc } from './escape.js'
import { PAGE_CSS } from './page-css.js'
import { PAGE_SCRIPT } from './page-script.js'

export type PageView = 'handout' | 'live' | 'presenter' | 'room'

const CSP =
  "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; connect-src 'self'; img-src data:; base-uri 'none'; form-action 'none'"

const STREAM: Record<PageView, string> = { handout: '', live: 'stream', presenter: 'stream', room: 'room/stream' }

const withLang = (query: URLSearchParams | undefined, lang: Lang): string => {
  const q = new URLSearchParams(query)
  q.set('lang', lang)
  return `?${q}`
}

/** a language's own name, as its readers call it */
const LANG_NAME: Record<Lang, string> = { ja: '日本語', en: 'English' }

/**
 * `langs`: the languages this page can be had in (a link to each other one, keeping the rest of
 * `query`: the room code; its stream says which)
 */
export function htmlPage(o: {
  lang: Lang
  title: string
  body: string
  view: PageView
  nextSeq?: number
  langs?: Lang[]
  query?: URLSearchParams
}): string {
  const live = o.view !== 'handout'
  const query = (o.langs?.length ?? 0) > 1 ? `?lang=${o.lang}` : ''
  const stream = STREAM[o.view] ? ` data-stream="${STREAM[o.view]}${query}" data-next-seq="${o.nextSeq ?? 0}"` : ''
  const others = (o.langs ?? []).filter(l => l !== o.lang)
  const langLinks =
    others.length > 0
      ? `<nav id="langs" class="live-only">${others.map(l => `<a href="${esc(withLang(o.query, l))}" hreflang="${l}" lang="${l}">${LANG_NAME[l]}</a>`).join(' ')}</nav>`
      : ''
  const controls = live
    ? `<div id="status" class="live-only" data-lost="${esc(t(o.lang, 'html.lost'))}"></div>` +
      (o.view === 'live' ? `<button id="jump" class="live-only" type="button" hidden>${esc(t(o.lang, 'html.jump'))}</button>` : '') +
      (o.view === 'presenter' ? `<div id="keys" class="live-only">${esc(t(o.lang, 'html.presenterKeys'))}</div>` : '') +
      langLinks
    : ''
  const empty =
    live && o.view !== 'room' && !o.body.trim() ? `<p class="note live-only" id="waiting">${esc(t(o.lang, 'html.waiting'))}</p>` : ''
  return [
    '<!doctype html>',
    `<html lang="${o.lang}" class="view-${o.view}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta http-equiv="Content-Security-Policy" content="${CSP}">`,
    '<meta name="referrer" content="no-referrer">',
    `<title>${esc(o.title)}</title>`,
    `<style>${PAGE_CSS}</style>`,
    '</head>',
    `<body class="view-${o.view}" data-view="${o.view}"${stream}>`,
    `<main id="main">${empty}${o.body}</main>`,
    controls,
    `<script>${PAGE_SCRIPT}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n')
}
