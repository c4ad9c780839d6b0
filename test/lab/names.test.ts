import { describe, expect, it } from 'vitest'
import { UsageError } from '../../src/core/errors.js'
import { assertUuid } from '../../src/lab/cleanup.js'
import {
  isImage,
  isUuid,
  uuidOfExperimentCgroup,
  uuidOfExperimentDir,
  uuidOfExperimentNetns,
  uuidOfLedgerFile,
  uuidOfNetns,
  uuidOfVeth,
} from '../../src/lab/names.js'

describe('bocker names', () => {
  it('accepts only ps_ + five digits as a container id', () => {
    expect(isUuid('ps_42032')).toBe(true)
    for (const bad of ['ps_42032x', 'myps_42032', 'ps_4203', 'ps_420321', '../ps_42032', 'ps_42032/..', 'PS_42032', ''])
      expect(isUuid(bad), bad).toBe(false)
  })
  it('maps netns, veth and ledger names back to their container, and nothing else', () => {
    expect(uuidOfNetns('netns_ps_42032')).toBe('ps_42032')
    expect(uuidOfNetns('netns_ps_foo')).toBeUndefined()
    expect(uuidOfNetns('xnetns_ps_42032')).toBeUndefined()
    expect(uuidOfVeth('veth0_ps_42032')).toBe('ps_42032')
    expect(uuidOfVeth('veth1_ps_42032')).toBe('ps_42032')
    expect(uuidOfVeth('veth0_ps_4203')).toBeUndefined()
    expect(uuidOfVeth('veth2_ps_42032')).toBeUndefined()
    expect(uuidOfLedgerFile('ps_42032.json')).toBe('ps_42032')
    expect(uuidOfLedgerFile('ps_42032x.json')).toBeUndefined()
    expect(uuidOfLedgerFile('ps_42032.json.tmp')).toBeUndefined()
    expect(isImage('img_42001')).toBe(true)
    expect(isImage('img_4200')).toBe(false)
  })
  it('cleanup refuses anything that is not a container id, with a usage error', () => {
    expect(() => assertUuid('ps_42032')).not.toThrow()
    for (const bad of ['ps_4203', '*', 'ps_42032 ', 'netns_ps_42032']) expect(() => assertUuid(bad)).toThrow(UsageError)
  })
})

describe("the names of a lesson's experiments", () => {
  it.each([
    ['ps_42032_a', 'cgroup', 'ps_42032'],
    ['ps_42032_oom', 'cgroup', 'ps_42032'],
    ['ps_42032', 'cgroup', undefined],
    ['ps_4203_a', 'cgroup', undefined],
    ['xps_42032_a', 'cgroup', undefined],
    ['bl_sbx_ps_42032', 'netns', 'ps_42032'],
    ['bl_sbx_ps_42032_b', 'netns', 'ps_42032'],
    ['netns_ps_42032', 'netns', undefined],
    ['bl_sbx_ps_42032x', 'netns', undefined],
    ['.bl_scratch_ps_42032', 'dir', 'ps_42032'],
    ['.bl_conflict_ps_42032', 'dir', 'ps_42032'],
    ['.scratch.ab12cd', 'dir', undefined],
    ['.bl_scratch_ps_42032/..', 'dir', undefined],
  ] as const)('%s (%s) → %s', (name, kind, uuid) => {
    const of = { cgroup: uuidOfExperimentCgroup, netns: uuidOfExperimentNetns, dir: uuidOfExperimentDir }[kind]
    expect(of(name)).toBe(uuid)
  })
})
