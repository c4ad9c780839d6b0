import { readFileSync } from 'node:fs'

export const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** alive and not a zombie: a killed shell whose parent died is a zombie until init reaps it */
export const isRunning = (pid: number): boolean => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    return !/^ Z /.test(stat.slice(stat.lastIndexOf(')') + 1))
  } catch {
    return false
  }
}
