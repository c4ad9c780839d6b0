// bocker_pull as a learner runs it at a real terminal (a pty), in Japanese: Enter at every prompt
// pulls the image; Ctrl-C at a prompt halfway quits with nothing half-made left.
import { afterAll, describe, expect, it } from 'vitest'
import { findLesson } from '../../src/lesson/catalog.js'
import { loadLesson } from '../../src/lesson/parse.js'
import { type PtyAction as Action, atTerminal, labReady } from './support/helpers.js'
import { createdImage, deleteImages, images, newImages, pullLeftovers } from './support/pull.js'

const lesson = loadLesson(findLesson('bocker_pull', 'ja'))
const steps = lesson.steps.map(s => s.id)
// Enter runs a step; at an exercise's question it would open a shell: "skip" is the 6th choice there
const SKIP_EXERCISE = `${'\u001b[B'.repeat(5)}\r`
const enter = (id: string): string => (lesson.steps.find(s => s.id === id)?.exercise ? SKIP_EXERCISE : '\r')
const ask = (id: string, keys: string): Action[] => [
  ['expect', `[${id}]`],
  ['expect', 'どうしますか'],
  ['sleep', 0.2],
  ['send', keys],
]
const before = labReady ? images() : []
afterAll(() => {
  if (labReady) deleteImages(newImages(before))
})

describe.runIf(labReady)('bocker_pull at a terminal', () => {
  it("Enter at every step pulls busybox:2layer; the image is bocker's; the registry is stopped after", () => {
    const { out, code } = atTerminal(
      steps.flatMap(id => ask(id, enter(id))),
      ['run', 'bocker_pull', 'busybox', '2layer'],
    )
    expect(code, out.slice(-2000)).toBe(0)
    expect(out).toContain('ラボのレジストリを起動しました')
    expect(out).toMatch(/ラボのサービス registry（プロセス \d+）を止めました/)
    expect(out).not.toMatch(/確認NG/)
    expect(newImages(before)).toContain(createdImage(out.replace(/\r|\x1b\[[0-9;?]*[a-zA-Z]/g, '')))
    expect(pullLeftovers()).toEqual([])
  })

  it('Ctrl-C at a prompt halfway (after bocker_init made the subvolume) quits: no temp dir, no half image, no registry', () => {
    const had = images()
    const until = steps.indexOf('init-copy')
    const { out, code } = atTerminal(
      [
        ...steps.slice(0, until).flatMap(id => ask(id, enter(id))),
        ['expect', '[init-copy]'],
        ['expect', 'どうしますか'],
        ['sleep', 0.3],
        ['send', '\u0003'],
      ],
      ['run', 'bocker_pull'],
    )
    expect(code, out.slice(-2000)).toBe(130)
    expect(out).toMatch(/イメージ \/var\/bocker\/img_\d{5} を削除しました/)
    expect(newImages(had)).toEqual([])
    expect(pullLeftovers()).toEqual([])
  })
})
