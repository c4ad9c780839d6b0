// The one container a lesson run makes: the uuid pinned by --uuid (checked before the run), and the
// ledger entry once the uuid step has claimed it. The lesson shell's $uuid is the drawn value.
import type { LedgerEntry } from '../lab/ledger.js'

export class Container {
  entry: LedgerEntry | undefined

  constructor(readonly pin: string | undefined) {}

  get uuid(): string | undefined {
    return this.entry?.uuid
  }
}
