// The doctor's look at the lab registry: prepared by provisioning, free to start, or running now.
import type { DoctorCheck } from '../doctor-checks.js'
import { SETUP_PACKAGES, words } from '../doctor-checks.js'
import { REGISTRY } from './addresses.js'
import { listens, notPrepared, servicesRunning } from './services.js'

export async function registryCheck(): Promise<DoctorCheck> {
  const missing = notPrepared()
  const address = `${REGISTRY.host}:${REGISTRY.port}`
  const check = (ok: boolean, detail: DoctorCheck['detail'], fix?: DoctorCheck['fix']): DoctorCheck => ({
    id: 'registry',
    ok,
    blocking: false,
    detail,
    fix,
  })
  if (missing) return check(false, words('lab.doctor.registry.missing', { missing: missing.missing }), SETUP_PACKAGES)
  if (servicesRunning().length > 0) return check(true, words('lab.doctor.registry.running', { address }))
  if (await listens(REGISTRY)) return check(false, words('lab.doctor.registry.portBusy', { address }), words('lab.doctor.fix.portBusy'))
  return check(true, words('lab.doctor.registry.ready', { address }))
}
