import { describe, expect, it } from 'vitest'
import { bockerIp, bockerMac } from '../../src/lab/uuid-space.js'

describe("bocker's derivations", () => {
  it.each([
    ['ps_42032', '10.0.0.32', '02:42:ac:11:00:32'],
    ['ps_42132', '10.0.0.132', '02:42:ac:11:01:32'],
    ['ps_42254', '10.0.0.254', '02:42:ac:11:02:54'],
    ['ps_42100', '10.0.0.1', '02:42:ac:11:01:00'],
    ['ps_42010', '10.0.0.1', '02:42:ac:11:00:10'],
  ])('%s → IP %s, MAC as ip shows it %s', (uuid, ip, mac) => {
    expect(bockerIp(uuid)).toBe(ip)
    expect(bockerMac(uuid)).toBe(mac)
  })
  it('gives 211 IPs for the 253 uuids, but a MAC each', () => {
    const uuids = Array.from({ length: 253 }, (_, i) => `ps_${42002 + i}`)
    expect(new Set(uuids.map(bockerIp)).size).toBe(211)
    expect(new Set(uuids.map(bockerMac)).size).toBe(253)
  })
})
