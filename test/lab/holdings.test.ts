import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { removeHoldings, TMP_ID_RE } from '../../src/lab/holdings.js'
import { fakeHost } from '../support/fake-host.js'

const ID = '0a1b2c3d-0000-4000-8000-00000000abcd'
const tmp = mkdtempSync(join(tmpdir(), 'bl-held-'))
afterAll(() => {
  rmSync(tmp, { recursive: true, force: true })
})

describe('what a run held, removed', () => {
  it('removes the temp dir and its <id>-<word> siblings, nothing else', async () => {
    for (const n of [ID, `${ID}-box`, `${ID}-pr27`, `${ID}x`, `${ID}-../x`.replace('/x', ''), 'other'])
      mkdirSync(join(tmp, n), { recursive: true })
    const removed = await removeHoldings({ pid: 999_999_999, lesson: 'l', tmpIds: [ID, 'not-a-uuid'], images: [] }, fakeHost([]), tmp, tmp)
    expect(removed.map(r => r.name.slice(tmp.length + 1)).sort()).toEqual([ID, `${ID}-box`, `${ID}-pr27`])
    expect(readdirSync(tmp).sort()).toEqual([`${ID}-..`, `${ID}x`, 'other'])
  })

  it('deletes only unfinished images named img_NNNNN that exist', async () => {
    mkdirSync(join(tmp, 'img_42100'))
    const host = fakeHost([[/^btrfs subvolume delete /, {}]])
    const removed = await removeHoldings(
      { pid: 999_999_999, lesson: 'l', tmpIds: [], images: ['img_42100', 'img_42101', '../etc'] },
      host,
      tmp,
      tmp,
    )
    expect(removed).toEqual([{ what: 'image', name: join(tmp, 'img_42100'), ok: true }])
    expect(host.calls).toEqual([`btrfs subvolume delete ${join(tmp, 'img_42100')}`])
    expect(existsSync(join(tmp, 'etc'))).toBe(false)
  })

  it('knows a uuidgen value', () => {
    expect(TMP_ID_RE.test(ID)).toBe(true)
    for (const bad of ['', '../tmp', `${ID}/..`, ID.toUpperCase()]) expect(TMP_ID_RE.test(bad)).toBe(false)
  })
})
