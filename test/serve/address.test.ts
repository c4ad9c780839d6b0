import { describe, expect, it } from 'vitest'
import { UsageError } from '../../src/core/errors.js'
import { parseListen, parseReportTarget, parseStuckAfter, validName } from '../../src/serve/address.js'

const usage = (f: () => unknown): string => {
  try {
    f()
  } catch (e) {
    if (e instanceof UsageError) return String(e.key)
    throw e
  }
  return 'no error'
}

describe('parseStuckAfter', () => {
  it.each([
    ['1', 1000],
    ['30', 30_000],
    ['0060', 60_000],
    ['3600', 3_600_000],
  ])('%s s → %d ms', (value, ms) => expect(parseStuckAfter(value)).toBe(ms))
  it.each(['', '0', '3601', '-5', '1.5', '30s', ' 30', 'abc', '1e3', '99999'])('%j is a usage error', value =>
    expect(usage(() => parseStuckAfter(value))).toBe('serve.badStuckAfter'),
  )
})

describe('parseListen', () => {
  it('a port alone listens on loopback', () => {
    expect(parseListen('8411')).toEqual({ host: '127.0.0.1', port: 8411 })
    expect(parseListen('1')).toEqual({ host: '127.0.0.1', port: 1 })
    expect(parseListen('65535')).toEqual({ host: '127.0.0.1', port: 65535 })
  })
  it('an IPv4 address or localhost, when given', () => {
    expect(parseListen('192.168.56.10:8411')).toEqual({ host: '192.168.56.10', port: 8411 })
    expect(parseListen('0.0.0.0:80')).toEqual({ host: '0.0.0.0', port: 80 })
    expect(parseListen('localhost:8411')).toEqual({ host: '127.0.0.1', port: 8411 })
  })
  it('anything else is a usage error', () => {
    for (const bad of [
      '',
      '0',
      '65536',
      '84a1',
      ':8411',
      'host:8411',
      '256.1.1.1:80',
      '1.2.3:80',
      '01.2.3.4:80',
      '[::1]:80',
      '::1',
      '8411:',
      '-1',
      ' 8411',
      '1.2.3.4:0',
    ])
      expect(
        usage(() => parseListen(bad)),
        bad,
      ).toBe('serve.badListen')
  })
})

describe('parseReportTarget', () => {
  it('takes the server and the room code from the URL the teacher printed', () => {
    expect(parseReportTarget('http://192.168.56.10:8411/?room=ABC234', 'taro')).toEqual({
      url: 'http://192.168.56.10:8411/report',
      code: 'ABC234',
      name: 'taro',
    })
    expect(parseReportTarget('http://127.0.0.1:8411/room?room=abc234', '山田-2').code).toBe('ABC234')
  })
  it('refuses a URL without a room code, not http, or with a code outside the alphabet', () => {
    for (const bad of [
      'http://127.0.0.1:8411/',
      'https://h:1/?room=ABC234',
      'ftp://h/?room=ABC234',
      'nope',
      'http://h/?room=ABC1O0',
      'http://h/?room=ABC23',
      'http://u:p@h/?room=ABC234',
    ])
      expect(
        usage(() => parseReportTarget(bad, 'taro')),
        bad,
      ).toBe('serve.badReportUrl')
  })
  it('names: letters (Japanese too), digits, -_. ; 1 to 32 of them', () => {
    for (const good of ['taro', 'Taro_2.b-c', '山田太郎', 'やまだ', 'ヤマダ・タロー', 'x'.repeat(32), '１２３'])
      expect(validName(good), good).toBe(true)
    for (const bad of ['', 'x'.repeat(33), 'ta ro', 'a\tb', 'a\u0000', '<b>', 'a"b', "a'b", 'a/b', 'a&b', '山田\u3000太郎', 'a\u202eb'])
      expect(validName(bad), bad).toBe(false)
    expect(usage(() => parseReportTarget('http://h:1/?room=ABC234', 'ta ro'))).toBe('serve.badName')
  })
})
