import { describe, expect, it } from 'vitest'
import { lessonArgsAfterDashes, ownOptionsGivenToLesson } from '../../src/commands/run.js'

describe("run's arguments, read like bocker's", () => {
  it.each([
    [
      ['bocker_run', 'img_42001', 'ls', '-l', '/'],
      ['bocker_run', '--', 'img_42001', 'ls', '-l', '/'],
    ],
    [
      ['--yes', 'bocker_run', 'img_42001', '--yes'],
      ['--yes', 'bocker_run', '--', 'img_42001', '--yes'],
    ],
    [
      ['bocker_run', '--uuid', 'ps_42032', 'img_42001', 'sh'],
      ['bocker_run', '--uuid', 'ps_42032', '--', 'img_42001', 'sh'],
    ],
    [
      ['bocker_run', '--from', '3', '--yes'],
      ['bocker_run', '--from', '3', '--yes'],
    ],
    [
      ['bocker_run', '--', 'img_42001', '-x'],
      ['bocker_run', '--', 'img_42001', '-x'],
    ],
    [
      ['bocker_run', '--events=f', 'img_42001'],
      ['bocker_run', '--events=f', '--', 'img_42001'],
    ],
    [
      ['--stuck-after', '60', 'bocker_run', 'img_42001'],
      ['--stuck-after', '60', 'bocker_run', '--', 'img_42001'],
    ],
    [
      ['bocker_run', '--serve', '8411', '--stuck-after', '90', 'img_42001', 'sh'],
      ['bocker_run', '--serve', '8411', '--stuck-after', '90', '--', 'img_42001', 'sh'],
    ],
    [[], []],
  ])('%j → %j', (argv, parsed) => {
    expect(lessonArgsAfterDashes(argv)).toEqual(parsed)
  })
})

describe("run's own options written among the lesson's arguments", () => {
  it.each([
    [['bocker_run', 'img_42001', '--serve', '8411'], ['--serve 8411']],
    [['bocker_run', 'img_42001', 'sh', '--serve'], ['--serve']],
    [
      ['bocker_run', 'img_42001', 'sh', '-y', '--stuck-after=5', '--keep'],
      ['-y', '--stuck-after=5', '--keep'],
    ],
    [['--yes', 'bocker_run', 'img_42001', 'ls', '-l', '/'], []],
    [['bocker_run', '--serve', '8411', 'img_42001', 'echo', '--yes is a word here'], []],
    [['bocker_run', '--', 'img_42001', '--yes'], []],
    [['bocker_run', '--yes'], []],
    [['bocker_run', 'img_42001', '--help'], ['--help']],
    [['bocker_run', 'img_42001', '--serves'], []],
  ])('%j → %j', (argv, own) => {
    expect(ownOptionsGivenToLesson(argv)).toEqual(own)
  })
})
