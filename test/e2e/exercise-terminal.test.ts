// An exercise at a real terminal (a pty), in Japanese: a check before doing anything fails and
// shows its output and a hint; the learner's shell has the lesson's variables; what they did
// there is checked when they leave it; the lesson then ends with the exercise solved.
import { existsSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { atTerminal, FIXTURES } from './support/helpers.js'

const DOWN = '\u001b[B'

describe.runIf(process.getuid?.() === 0)('an exercise at a terminal', () => {
  it('check (not yet, a hint), then a shell where the learner does it, then solved', () => {
    const { out, code } = atTerminal(
      [
        ['answer', '片付けますか', '\r'],
        ['expect', '[one]'],
        ['expect', 'どうしますか'],
        ['sleep', 0.3],
        ['send', '\r'],
        ['expect', 'あなたの番です'],
        ['sleep', 0.3],
        ['send', `${DOWN}\r`], // check now
        ['expect', 'まだです'],
        ['expect', 'touch コマンドを使います'],
        ['expect', 'あなたの番です'],
        ['sleep', 0.3],
        ['send', '\r'], // try it in a shell
        ['expect', '(bocker-learn)'],
        ['sleep', 0.3],
        ['send', 'touch "$ex_file"; echo "made $ex_file"\n'],
        ['expect', 'made /tmp/bl_ex_pty_'],
        ['send', 'exit\n'],
        ['expect', 'できました'],
      ],
      ['run', 'exercise_demo'],
      { env: { BOCKER_LEARN_LESSONS_DIR: FIXTURES } },
    )
    expect(code, out.slice(-2000)).toBe(0)
    const file = /made (\/tmp\/bl_ex_pty_\d+)/.exec(out)![1]!
    expect(existsSync(file), 'the teardown removed what the exercise made').toBe(false)
    const progress = JSON.parse(readFileSync('/var/lib/bocker-learn/progress.json', 'utf8'))
    expect(progress.finished.exercise_demo.exercises).toEqual({ 'make-file': 'solved' })
  })
})
