import { describe, expect, it } from 'vitest'
import { parseIpBatch, resolvePeers, HOST } from '../../../src/observe/probes/net.js'
import { fixture } from '../../fixtures/probes/load.js'

const host = fixture('debian12/host-ip-batch.jsonl')
const inside = fixture('debian12/netns-ps_42250-ip-batch.jsonl')

describe('parseIpBatch (ip -j -d -batch -, iproute2 6.1)', () => {
  it('keeps only bridge0 and bocker veths on the host', () => {
    const { links } = parseIpBatch(host, HOST)
    expect(links.map((l) => l.name)).toEqual(['bridge0', 'veth0_ps_42250'])
  })

  it('reads kind, admin state, master, MAC and peer index of the host end', () => {
    const veth0 = parseIpBatch(host, HOST).links.find((l) => l.name === 'veth0_ps_42250')
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
    expect(links.map((l) => [l.name, l.kind, l.state, l.mac])).toEqual([
      ['lo', 'loopback', 'UP', '00:00:00:00:00:00'],
      ['veth1_ps_42250', 'veth', 'UP', '02:42:ac:11:02:50'],
    ])
    expect(addrs.map((a) => `${a.cidr} ${a.dev}`)).toEqual(['127.0.0.1/8 lo', '10.0.0.250/24 veth1_ps_42250'])
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
    const peers = Object.fromEntries(links.filter((l) => l.kind === 'veth').map((l) => [l.name, l.peer]))
    expect(peers).toEqual({ veth0_ps_42250: 'veth1_ps_42250', veth1_ps_42250: 'veth0_ps_42250' })
  })

  it("falls back to bocker's naming when the other end cannot be seen (no root)", () => {
    const [veth0] = resolvePeers(parseIpBatch(host, HOST).links.filter((l) => l.kind === 'veth'))
    expect(veth0?.peer).toBe('veth1_ps_42250')
  })
})
