#!/usr/bin/env node
import { main } from './main.js'

// The reader of our output went away (`| head`, or `| less` and then q). A lesson run quits as on a
// hang-up, so its teardown still runs; any other command simply ends.
let readerGone = false
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (readerGone) return
  if (e.code !== 'EPIPE') throw e
  readerGone = true
  if (process.listenerCount('SIGHUP') > 0) process.emit('SIGHUP', 'SIGHUP')
  else process.exit(0)
})

main(process.argv.slice(2), {
  out: l => { if (!readerGone) process.stdout.write(l + '\n') },
  err: l => process.stderr.write(l + '\n')
})
  .then(code => { process.exitCode = code })
  .catch((e: unknown) => { process.stderr.write(`bocker-learn: internal error: ${(e as Error).stack ?? String(e)}\n`); process.exitCode = 1 })
