// bocker-learn's CLI, started after two execa children that outlive the command begin: execa's
// signal-exit then listens for SIGINT and, when it thinks it is alone, re-sends the signal to kill
// the process (as in the moment after a run's teardown, while its last children end).
import { execa } from 'execa'

for (let i = 0; i < 2; i++) execa('sleep', ['30']).catch(() => undefined)
await import(new URL('../../../dist/cli.js', import.meta.url).href)
