// How a block and a run ended, as the terminal says it: what a block's exit status means for this
// block, and the run's last lines (on stderr when something failed).
import kleur from 'kleur'
import type { Lang } from '../../core/context.js'
import type { ServiceProblem } from '../../lab/registry/services.js'
import type { BlockResult, RunOutcome } from '../../run/events.js'
import { pinRefused } from '../uuid.js'
import { type Phrase, t } from '../words/index.js'

type Colour = 'green' | 'red' | 'yellow'

export function resultLines(r: BlockResult, lang: Lang, color: boolean): string[] {
  const mark = (symbol: string, text: string, colour: Colour): string => {
    const line = text.startsWith(symbol) ? text : `${symbol} ${text}`
    return color ? kleur[colour](line) : line
  }
  const lines: string[] = []
  const ms = r.durationMs < 1000 ? `${Math.round(r.durationMs)} ms` : `${(r.durationMs / 1000).toFixed(1)} s`
  if (r.timedOut) lines.push(mark('✗', t(lang, 'result.timeout', { sec: r.timeoutSec }), 'red'))
  else if (r.interrupted) lines.push(mark('■', t(lang, 'result.interrupted'), 'yellow'))
  if (r.exitCalled !== undefined) lines.push(mark('■', t(lang, 'result.exit', { code: r.exitCalled }), 'yellow'))
  else if (!r.shellDied) {
    const key = r.status === 0 ? 'result.ok' : r.accepted ? 'result.expected' : 'result.failed'
    lines.push(mark(r.accepted ? '✓' : '✗', t(lang, key, { status: r.status, ms }), r.accepted ? 'green' : 'red'))
    if (r.pipestatus.length > 1) lines.push(`  ${t(lang, 'result.pipestatus', { ps: r.pipestatus.join(' | ') })}`)
  }
  if (r.optionsUndone) lines.push(`  ${t(lang, 'result.options', { opts: r.optionsUndone.trim() })}`)
  return lines
}

/** The run's last words: `out` for a run that went as it should, `err` for what failed. */
export function endingPhrases(o: RunOutcome, lessonFile: string): { out: Phrase[]; err: Phrase[] } {
  switch (o.status) {
    case 'done': {
      const err: Phrase[] = []
      if (o.failedSteps.length > 0) err.push({ key: 'run.stepsFailed', vars: { ids: o.failedSteps.join(', ') } })
      if (o.failedClaims > 0) err.push({ key: 'run.claimsFailed', vars: { n: o.failedClaims } })
      return { out: err.length === 0 ? [{ key: 'run.done' }] : [], err }
    }
    case 'failed': {
      const full = o.btrfsFull ? [{ key: 'run.btrfsFull', vars: { path: o.btrfsFull.path, free: o.btrfsFull.freeMiB } } as const] : []
      return { out: [], err: [{ key: 'run.failed', vars: { id: o.step } }, ...full] }
    }
    case 'exited':
      return { out: [], err: [] }
    case 'shell-died': {
      const how: Phrase = o.signal
        ? { key: 'result.diedSignal', vars: { signal: o.signal } }
        : { key: 'result.diedStatus', vars: { code: o.code ?? '?' } }
      return { out: [], err: [{ key: o.diagnostics ? 'result.diedWith' : 'result.died', vars: { why: how, diagnostics: o.diagnostics } }] }
    }
    case 'prelude-failed':
      return { out: [], err: [{ key: 'run.preludeFailed', vars: { file: lessonFile, line: o.line, output: o.output } }] }
    case 'pin-refused':
      return { out: [], err: [{ key: 'cli.error', vars: { message: pinRefused(o.problem) } }] }
    case 'quit':
      return { out: [{ key: 'run.quit' }], err: [] }
    case 'services-failed':
      return { out: [], err: [servicesProblem(o.problem)] }
  }
}

function servicesProblem(p: ServiceProblem): Phrase {
  switch (p.kind) {
    case 'not-prepared':
      return { key: 'run.services.notPrepared', vars: { missing: p.missing } }
    case 'port-busy':
      return { key: 'run.services.portBusy', vars: { address: p.address } }
    case 'did-not-start':
      return { key: 'run.services.didNotStart', vars: { name: p.name, log: p.log || '-' } }
  }
}
