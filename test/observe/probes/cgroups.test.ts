import { describe, expect, it } from 'vitest'
import { bockerHierarchies, parseProcs, readCgroups } from '../../../src/observe/probes/cgroups.js'
import { FIXTURES } from '../../fixtures/probes/load.js'

describe('readCgroups', () => {
  it('v1 (captured): one group per controller bocker uses, with the limits bocker sets', async () => {
    const root = `${FIXTURES}/cgroup-v1`
    const state = await readCgroups(root, 'v1')
    expect(state.groups.map(g => ({ controller: g.controller, name: g.name, values: g.values, procs: g.procs }))).toEqual([
      { controller: 'cpu', name: 'ps_42250', values: { 'cpu.shares': '512' }, procs: [10558, 10560] },
      { controller: 'cpuacct', name: 'ps_42250', values: {}, procs: [10558, 10560] },
      { controller: 'memory', name: 'ps_42250', values: { 'memory.limit_in_bytes': '512000000' }, procs: [10558, 10560] },
    ])
    expect(state.groups[0]?.path).toBe(`${root}/cpu/ps_42250`)
  })

  it('v2 (built like a pure v2 host): ps_* directories at the root, cpu.weight and memory.max', async () => {
    const state = await readCgroups(`${FIXTURES}/cgroup-v2`, 'v2')
    expect(state.mode).toBe('v2')
    expect(state.groups.map(g => ({ controller: g.controller, name: g.name, values: g.values, procs: g.procs }))).toEqual([
      { controller: '', name: 'ps_42250', values: { 'cpu.weight': '50', 'memory.max': '512000000' }, procs: [7101, 7103] },
      { controller: '', name: 'ps_42251', values: { 'cpu.weight': '100', 'memory.max': 'max' }, procs: [] },
    ])
  })
})

describe('bockerHierarchies', () => {
  it('counts a co-mounted cpu,cpuacct once and skips the symlinks systemd adds', () => {
    const entries = [
      { name: 'cpu', isDirectory: false },
      { name: 'cpuacct', isDirectory: false },
      { name: 'cpu,cpuacct', isDirectory: true },
      { name: 'memory', isDirectory: true },
      { name: 'pids', isDirectory: true },
      { name: 'unified', isDirectory: true },
    ]
    expect(bockerHierarchies(entries)).toEqual(['cpu,cpuacct', 'memory'])
  })
})

describe('parseProcs', () => {
  it('reads one pid a line, sorted', () => {
    expect(parseProcs('12\n3\n\n')).toEqual([3, 12])
    expect(parseProcs('')).toEqual([])
  })
})
