#!/usr/bin/env node
import type { Lang } from './core/context.js'
import { signalsOwned } from './core/signal-owners.js'
import { detectLang, main } from './main.js'
import { t } from './render/words/index.js'

// The reader of our output went away (`| head`, or `| less` and then q): a lesson run quits (with
// its teardown) through this signal; any other command simply ends.
const readerGone = new AbortController()
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code !== 'EPIPE') throw e
  readerGone.abort('reader-gone')
})

// Once a run has torn down, its own signal handling is gone: a second Ctrl-C pressed while it says
// goodbye would kill node by the signal. With no one else handling it, end as a quit run ends.
// First in line: signal-exit (execa's) would otherwise re-send the signal before this runs.
for (const [name, code] of [
  ['SIGINT', 130],
  ['SIGTERM', 143],
] as const) {
  process.prependListener(name, () => {
    if (!signalsOwned()) process.exit(code)
  })
}

main(process.argv.slice(2), {
  out: l => {
    if (!readerGone.signal.aborted) process.stdout.write(l + '\n')
  },
  err: l => process.stderr.write(l + '\n'),
  signal: readerGone.signal,
})
  .then(code => {
    process.exitCode = code
  })
  .catch((e: unknown) => {
    let lang: Lang = 'en'
    try {
      lang = detectLang(process.argv.slice(2))
    } catch {
      /* said already */
    }
    process.stderr.write(`${t(lang, 'cli.internalError', { detail: (e as Error).stack ?? String(e) })}\n`)
    process.exitCode = 1
  })
