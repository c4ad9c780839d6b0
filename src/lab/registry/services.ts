// The registry and the hub (token issuer + blob host) run while a lesson that needs them runs. The
// first run starts them, every run that uses them is written down, and the last one to leave stops
// them; a run that died (SIGKILL) is found dead by the next run or by `reset`, which stop them too.
import { spawn } from 'node:child_process'
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { connect } from 'node:net'
import { fileURLToPath } from 'node:url'
import { isAlive } from '../alive.js'
import { withLock } from '../lock.js'
import { LEDGER_DIR } from '../paths.js'
import type { Removed } from '../removed.js'
import { AUTH, BLOBS, type Listener, REGISTRY, REGISTRY_CONFIG, REGISTRY_DIR, SERVICES_FILE, SERVICES_LOG } from './addresses.js'

export interface Proc {
  name: 'registry' | 'hub'
  pid: number
  /** /proc/PID/stat's start time: a reused pid is not ours */
  start: string
}

interface State {
  procs: Proc[]
  users: number[]
  /** the run starting them right now */
  starting?: number
}

export type ServiceProblem =
  | { kind: 'not-prepared'; missing: string }
  | { kind: 'port-busy'; address: string }
  | { kind: 'did-not-start'; name: string; log: string }

const LOCK = `${LEDGER_DIR}/.services-lock`
// A crash is seen at once (the process is gone); only a hang waits this long. Under emulation (the
// Debian 13 guest in CI) the registry's first start once took more than 8 s.
const READY_MS = 30_000
// from dist/ (the CLI) and from src/ (the tests) alike: the built hub
const HUB_MAIN = fileURLToPath(new URL('../../../dist/lab/registry/hub-main.js', import.meta.url))

const startTime = (pid: number): string | undefined => {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8')
    const after = fields.slice(fields.lastIndexOf(')') + 2).split(' ')
    // a zombie has stopped serving; its parent reaps it
    return after[0] === 'Z' ? undefined : after[19]
  } catch {
    return undefined
  }
}
const running = (p: Proc): boolean => startTime(p.pid) === p.start

function readState(): State {
  try {
    return JSON.parse(readFileSync(SERVICES_FILE, 'utf8')) as State
  } catch {
    return { procs: [], users: [] }
  }
}

const writeState = (s: State): void => {
  writeFileSync(SERVICES_FILE, JSON.stringify(s))
}

export const listens = (l: Listener, timeoutMs = 300): Promise<boolean> =>
  new Promise(resolve => {
    const socket = connect({ host: l.host, port: l.port, timeout: timeoutMs })
    const done = (ok: boolean): void => {
      socket.destroy()
      resolve(ok)
    }
    socket.once('connect', () => done(true))
    socket.once('error', () => done(false))
    socket.once('timeout', () => done(false))
  })

/** What a run needs before the services can start at all: provision.sh made them. */
export function notPrepared(): { kind: 'not-prepared'; missing: string } | undefined {
  for (const file of [REGISTRY_CONFIG, `${REGISTRY_DIR}/key.pem`, `${REGISTRY_DIR}/images.txt`, '/usr/bin/docker-registry']) {
    if (!existsSync(file)) return { kind: 'not-prepared', missing: file }
  }
  return undefined
}

export const SERVICE_ADDRESSES = [REGISTRY, AUTH, BLOBS].map(l => `${l.host}:${l.port}`)

/** This run uses the services: they are started unless another run already started them. */
export async function useServices(
  user = process.pid,
): Promise<{ ok: true; started: boolean; procs: Proc[] } | { ok: false; problem: ServiceProblem }> {
  const unprepared = notPrepared()
  if (unprepared) return { ok: false, problem: unprepared }
  mkdirSync(LEDGER_DIR, { recursive: true })
  // the lock is held only to read and write the state; starting takes longer, so a second run that
  // arrives meanwhile waits for the file, not the lock
  for (;;) {
    const claim = withLock(LOCK, () => {
      const s = readState()
      const users = [...s.users.filter(u => u !== user && isAlive(u)), user]
      if (s.starting !== undefined && s.starting !== user && isAlive(s.starting)) return 'wait' as const
      if (s.procs.length > 0 && s.procs.every(running)) {
        writeState({ procs: s.procs, users })
        return 'running' as const
      }
      writeState({ procs: [], users, starting: user })
      return 'start' as const
    })
    if (claim === 'running') return { ok: true, started: false, procs: readState().procs }
    if (claim === 'start') break
    await new Promise(r => setTimeout(r, 50))
  }
  const started = await start()
  if (!started.ok) {
    withLock(LOCK, () => {
      const s = readState()
      writeState({ procs: [], users: s.users.filter(u => u !== user) })
    })
    return started
  }
  withLock(LOCK, () => {
    const s = readState()
    writeState({ procs: started.procs, users: s.users })
  })
  return { ok: true, started: true, procs: started.procs }
}

async function start(): Promise<{ ok: true; procs: Proc[] } | { ok: false; problem: ServiceProblem }> {
  for (const l of [REGISTRY, AUTH, BLOBS]) {
    if (await listens(l)) return { ok: false, problem: { kind: 'port-busy', address: `${l.host}:${l.port}` } }
  }
  mkdirSync(REGISTRY_DIR, { recursive: true })
  const log = openSync(SERVICES_LOG, 'w')
  const launch = (name: Proc['name'], cmd: string, args: string[]): Proc => {
    const child = spawn(cmd, args, { detached: true, stdio: ['ignore', log, log] })
    child.unref()
    return { name, pid: child.pid ?? -1, start: child.pid ? (startTime(child.pid) ?? '') : '' }
  }
  const procs = [launch('registry', '/usr/bin/docker-registry', ['serve', REGISTRY_CONFIG]), launch('hub', process.execPath, [HUB_MAIN])]
  closeSync(log)
  const deadline = Date.now() + READY_MS
  for (;;) {
    const up = await Promise.all([REGISTRY, AUTH, BLOBS].map(l => listens(l)))
    if (up.every(Boolean)) return { ok: true, procs }
    const dead = procs.find(p => !running(p))
    if (dead || Date.now() > deadline) {
      await stopProcs(procs)
      return { ok: false, problem: { kind: 'did-not-start', name: dead?.name ?? 'registry', log: lastLines(SERVICES_LOG) } }
    }
    await new Promise(r => setTimeout(r, 25))
  }
}

const lastLines = (file: string): string => {
  try {
    return readFileSync(file, 'utf8').trim().split('\n').slice(-3).join('\n')
  } catch {
    return ''
  }
}

/** This run is done with the services; the last user stops them. Returns what it stopped. */
export async function leaveServices(user = process.pid): Promise<Proc[]> {
  const toStop = withLock(LOCK, () => {
    const s = readState()
    const users = s.users.filter(u => u !== user && isAlive(u))
    if (users.length > 0) {
      writeState({ ...s, users })
      return []
    }
    rmSync(SERVICES_FILE, { force: true })
    return s.procs
  })
  await stopProcs(toStop)
  return toStop.filter(p => p.pid > 0)
}

/** After a crash (or from `reset`): services nobody alive uses are stopped. */
export async function stopOrphanServices(): Promise<Proc[]> {
  if (!existsSync(SERVICES_FILE)) return []
  const s = readState()
  if (s.users.some(isAlive)) return []
  return await leaveServices(-1)
}

async function stopProcs(procs: Proc[]): Promise<void> {
  const ours = procs.filter(running)
  for (const p of ours) process.kill(p.pid, 'SIGTERM')
  const deadline = Date.now() + 3000
  while (ours.some(running) && Date.now() < deadline) await new Promise(r => setTimeout(r, 20))
  for (const p of ours.filter(running)) process.kill(p.pid, 'SIGKILL')
}

export const servicesRunning = (): Proc[] => readState().procs.filter(running)

export const stoppedService = (p: Proc): Removed => ({ what: 'service', name: p.name, pid: p.pid, ok: true })
