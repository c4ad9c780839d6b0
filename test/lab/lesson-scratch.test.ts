// A killed lesson's scratch: only /tmp/bl_<word>_<that shell's pid>[.ext] goes, never a look-alike.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { Host } from '../../src/core/host.js'
import { isScratchOf, removeScratchOf } from '../../src/lab/lesson-scratch.js'

const tmp = mkdtempSync(join(tmpdir(), 'scratch-test-'))
afterAll(() => rmSync(tmp, { recursive: true, force: true }))
const noMounts: Host = async () => ({ ok: false, code: 1, stdout: '', stderr: 'not called' })

describe('a lesson shell’s scratch', () => {
  it.each([
    ['bl_sigpipe_4242', true],
    ['bl_sigpipe_4242.img', true],
    ['bl_logs_4242.out', true],
    ['bl_help_check_4242', true],
    ['bl_sigpipe_42420', false],
    ['bl_sigpipe_14242', false],
    ['bl_4242', false],
    ['xbl_sigpipe_4242', false],
    ['bl_sigpipe_4242.img.bak', false],
    ['bl_sigpipe_4242-other', false],
    ['bocker-learn-4242-abc', false],
    ['bl_commit_ps_4242.made', false],
    ['bl_exec_ps_4242.sh', false],
  ])('%s is scratch of shell 4242: %s', (name, mine) => {
    expect(isScratchOf(4242, name)).toBe(mine)
  })

  it('removes exactly those names (folders with their contents too) and says so', async () => {
    const names = ['bl_sigpipe_4242', 'bl_sigpipe_4242.img', 'bl_logs_4242.out', 'bl_sigpipe_42420', 'bl_bocker_ex', 'other_4242']
    for (const n of names) {
      if (n.includes('.')) writeFileSync(join(tmp, n), 'x')
      else {
        mkdirSync(join(tmp, n))
        writeFileSync(join(tmp, n, 'inside'), 'x')
      }
    }
    const removed = await removeScratchOf(4242, noMounts, tmp)
    expect(removed.map(r => r.name.slice(tmp.length + 1)).sort()).toEqual(['bl_logs_4242.out', 'bl_sigpipe_4242', 'bl_sigpipe_4242.img'])
    expect(removed.every(r => r.ok && r.what === 'temp-dir')).toBe(true)
    expect(readdirSync(tmp).sort()).toEqual(['bl_bocker_ex', 'bl_sigpipe_42420', 'other_4242'])
  })

  it.each([
    ['bl_commit_ps_42133.made', 'ps_42133', true],
    ['bl_exec_ps_42133.sh', 'ps_42133', true],
    ['bl_rm_mine_ps_42133.log', 'ps_42133', true],
    ['bl_commit_ps_421330.made', 'ps_42133', false],
    ['bl_commit_ps_42133.made', 'ps_.*', false],
    ['bl_commit_ps_42133.made', '', false],
  ])('%s is scratch of container %s: %s', (name, uuid, mine) => {
    expect(isScratchOf(uuid, name)).toBe(mine)
  })

  it('an image made from a removed scratch folder (source is the path, or names it last) goes too; any other stays', async () => {
    const btrfs = mkdtempSync(join(tmpdir(), 'scratch-btrfs-'))
    try {
      mkdirSync(join(tmp, 'bl_ex_init_5151'))
      const made: Array<[string, string]> = [
        ['img_42111', join(tmp, 'bl_ex_init_5151')],
        ['img_42112', join(tmp, 'bl_ex_init_51510')],
        ['img_42113', 'busybox:latest'],
        ['img_42114', `made by hand in ${join(tmp, 'bl_ex_init_5151')}`],
        ['img_42115', `made by hand in ${join(tmp, 'bl_ex_init_51510')}`],
        ['img_42116', `${join(tmp, 'bl_ex_init_5151')} and more`],
        ['img_42117', `${join(tmp, 'bl_ex_init_5151')}/`],
      ]
      for (const [image, source] of made) {
        mkdirSync(join(btrfs, image))
        writeFileSync(join(btrfs, image, 'img.source'), `${source}\n`)
      }
      const calls: string[] = []
      const host: Host = async (file, args) => {
        calls.push([file, ...args].join(' '))
        return { ok: true, code: 0, stdout: '', stderr: '' }
      }
      const removed = await removeScratchOf(5151, host, tmp, btrfs)
      expect(removed.map(r => `${r.what} ${r.name.replace(/^.*\//, '')}`)).toEqual([
        'temp-dir bl_ex_init_5151',
        'image img_42111',
        'image img_42114',
        'image img_42117',
      ])
      expect(calls).toEqual([
        `btrfs subvolume delete ${join(btrfs, 'img_42111')}`,
        `btrfs subvolume delete ${join(btrfs, 'img_42114')}`,
        `btrfs subvolume delete ${join(btrfs, 'img_42117')}`,
      ])
    } finally {
      rmSync(btrfs, { recursive: true, force: true })
    }
  })
})
