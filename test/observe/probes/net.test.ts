import { rmSync } from 'node:fs'
import { afterAll, describe, expect, it } from 'vitest'
import { MACHINE } from '../../../src/lab/paths.js'
import { HOST, IP_BATCH, parseIpBatch, readNet, resolvePeers } from '../../../src/observe/probes/net.js'
import { fixture, netnsDir } from '../../fixtures/probes/load.js'
import { fakeHost } from '../../support/fake-host.js'

const host = fixture('debian12/host-ip-batch.jsonl')
const inside = fixture('debian12/netns-ps_42250-ip-batch.jsonl')

describe('parseIpBatch (ip -j -d -batch -, iproute2 6.1)', () => {
  it('keeps only bridge0 and bocker veths on the host', () => {
    const { links } = parseIpBatch(host, HOST)
    expect(links.map(l => l.name)).toEqual(['bridge0', 'veth0_ps_42250'])
  })

  it('reads kind, admin state, master, MAC and peer index of the host end', () => {
    const veth0 = parseIpBatch(host, HOST).links.find(l => l.name === 'veth0_ps_42250')
    expect(veth0).toMatchObject({ kind: 'veth', state: 'UP', carrier: true, master: 'bridge0', peerIndex: 12, netns: HOST })
    expect(veth0?.mac).toMatch(/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/)
  })

  it('keeps IPv4 addresses only, and on the host only the default route and bocker routes', () => {
    const { addrs, routes } = parseIpBatch(host, HOST)
    expect(addrs).toEqual([{ dev: 'bridge0', cidr: '10.0.0.1/24', netns: HOST }])
    expect(routes).toEqual([
      { dst: 'default', gateway: '192.0.2.1', dev: 'eth0', netns: HOST },
      { dst: '10.0.0.0/24', dev: 'bridge0', netns: HOST },
    ])
  })

  it('keeps everything inside a netns, lo included', () => {
    const { links, addrs, routes } = parseIpBatch(inside, 'netns_ps_42250')
    expect(links.map(l => [l.name, l.kind, l.state, l.mac])).toEqual([
      ['lo', 'loopback', 'UP', '00:00:00:00:00:00'],
      ['veth1_ps_42250', 'veth', 'UP', '02:42:ac:11:02:50'],
    ])
    expect(addrs.map(a => `${a.cidr} ${a.dev}`)).toEqual(['127.0.0.1/8 lo', '10.0.0.250/24 veth1_ps_42250'])
    expect(routes).toEqual([
      { dst: 'default', gateway: '10.0.0.1', dev: 'veth1_ps_42250', netns: 'netns_ps_42250' },
      { dst: '10.0.0.0/24', dev: 'veth1_ps_42250', netns: 'netns_ps_42250' },
    ])
  })

  it('treats empty output as nothing', () => {
    expect(parseIpBatch('', HOST)).toEqual({ links: [], addrs: [], routes: [] })
  })
})

describe('resolvePeers', () => {
  it('pairs the two ends across namespaces by their ifindex', () => {
    const links = resolvePeers([...parseIpBatch(host, HOST).links, ...parseIpBatch(inside, 'netns_ps_42250').links])
    const peers = Object.fromEntries(links.filter(l => l.kind === 'veth').map(l => [l.name, l.peer]))
    expect(peers).toEqual({ veth0_ps_42250: 'veth1_ps_42250', veth1_ps_42250: 'veth0_ps_42250' })
  })

  it("falls back to bocker's naming when the other end cannot be seen (no root)", () => {
    const [veth0] = resolvePeers(parseIpBatch(host, HOST).links.filter(l => l.kind === 'veth'))
    expect(veth0?.peer).toBe('veth1_ps_42250')
  })
})

describe('readNet (ip answered from a table)', () => {
  const hostBatch = 'ip -j -d -batch -'
  const insideBatch = 'ip -n netns_ps_42250 -j -d -batch -'
  // bocker's netns only: a learner's netns_ps_1 or someone else's namespace is never entered
  const places = { ...MACHINE, netnsDir: netnsDir(['netns_ps_42250', 'netns_ps_1', 'netns_ps_422501', 'blue']) }
  afterAll(() => rmSync(places.netnsDir, { recursive: true, force: true }))

  it('as root: the host, then inside each bocker netns, with the ends of the veth paired', async () => {
    const fake = fakeHost([
      [hostBatch, { stdout: host }],
      [insideBatch, { stdout: inside }],
    ])
    const net = await readNet({ host: fake, root: true, places })
    expect(fake.calls.sort()).toEqual([hostBatch, insideBatch])
    expect(net.hostRead).toBe(true)
    expect(net.netns.map(n => [n.name, n.readable])).toEqual([['netns_ps_42250', true]])
    expect(net.links.map(l => `${l.name}@${l.netns || 'host'} ↔ ${l.peer ?? ''}`)).toEqual([
      'bridge0@host ↔ ',
      'veth0_ps_42250@host ↔ veth1_ps_42250',
      'lo@netns_ps_42250 ↔ ',
      'veth1_ps_42250@netns_ps_42250 ↔ veth0_ps_42250',
    ])
  })

  it('gives ip its two commands on stdin', async () => {
    const inputs: (string | undefined)[] = []
    const fake = fakeHost([[hostBatch, { stdout: host }]])
    await readNet({
      host: async (file, args, opts) => {
        inputs.push(opts?.input)
        return await fake(file, args, opts)
      },
      root: false,
      places,
    })
    expect(inputs).toEqual([IP_BATCH])
  })

  it('not root: never enters a netns; the netns is listed as unread', async () => {
    const fake = fakeHost([[hostBatch, { stdout: host }]])
    const net = await readNet({ host: fake, root: false, places })
    expect(fake.calls).toEqual([hostBatch])
    expect(net.netns).toEqual([expect.objectContaining({ name: 'netns_ps_42250', readable: false })])
    expect(net.links.map(l => l.name)).toEqual(['bridge0', 'veth0_ps_42250'])
  })

  it('ip missing (127): nothing known of links, which hostRead says', async () => {
    const fake = fakeHost([[/^ip /, { code: 127, stderr: 'spawn ip ENOENT' }]])
    const net = await readNet({ host: fake, root: true, places })
    expect(net).toMatchObject({ hostRead: false, links: [], addrs: [], routes: [] })
    expect(net.netns.map(n => [n.name, n.readable])).toEqual([['netns_ps_42250', false]])
  })

  it('a netns deleted between listing and reading: the host side stays', async () => {
    const fake = fakeHost([
      [hostBatch, { stdout: host }],
      [insideBatch, { code: 1, stderr: 'Cannot open network namespace' }],
    ])
    const net = await readNet({ host: fake, root: true, places })
    expect(net.hostRead).toBe(true)
    expect(net.netns[0]?.readable).toBe(false)
    expect(net.links.map(l => l.name)).toEqual(['bridge0', 'veth0_ps_42250'])
  })

  it('ip that answers something other than its JSON counts as no answer', async () => {
    const net = await readNet({ host: fakeHost([[hostBatch, { stdout: 'Option "-j" is unknown' }]]), root: false, places })
    expect(net.hostRead).toBe(false)
  })

  it('no /run/netns (no netns ever made): only the host', async () => {
    const fake = fakeHost([[hostBatch, { stdout: host }]])
    const net = await readNet({ host: fake, root: true, places: { ...MACHINE, netnsDir: '/nonexistent/netns' } })
    expect(fake.calls).toEqual([hostBatch])
    expect(net.netns).toEqual([])
  })
})
