// Before a run: is the lab there? What is missing (only causes, not their consequences), and
// whether `setup` can make all of it.
import { type DoctorCheck, runDoctor, SETUP, SETUP_PACKAGES } from '../lab/doctor.js'

export interface LabGaps {
  /** one per missing piece, causes only (a check failing because another does is left out) */
  missing: DoctorCheck[]
  /** setup can make everything missing (not a full disk, a missing kernel feature or an old Node) */
  setupCanFix: boolean
  /** setup would need to install packages */
  needsPackages: boolean
}

export const setupFixes = (c: DoctorCheck): boolean => c.fix === SETUP || c.fix === SETUP_PACKAGES

/** `services`: what the lesson needs running besides the lab itself (the registry for a pull) */
export async function labGaps(services: readonly string[] = []): Promise<LabGaps> {
  const needed = (c: DoctorCheck): boolean => c.blocking || c.id === 'lab-marker' || services.includes(c.id)
  const failing = (await runDoctor()).filter(c => needed(c) && !c.ok)
  const missing = failing.filter(c => !failing.some(cause => cause.id === c.because))
  return { missing, setupCanFix: failing.every(setupFixes), needsPackages: failing.some(c => c.fix === SETUP_PACKAGES) }
}

export async function labReady(services: readonly string[] = []): Promise<boolean> {
  return (await runDoctor()).every(c => !(c.blocking || services.includes(c.id)) || c.ok)
}
