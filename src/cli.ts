#!/usr/bin/env node
import { main } from './main.js'

main(process.argv.slice(2), { out: l => process.stdout.write(l + '\n'), err: l => process.stderr.write(l + '\n') })
  .then(code => { process.exitCode = code })
  .catch((e: unknown) => { process.stderr.write(`bocker-learn: internal error: ${(e as Error).stack ?? String(e)}\n`); process.exitCode = 1 })
