import { access } from 'node:fs/promises'

export const exists = (p: string): Promise<boolean> =>
  access(p).then(
    () => true,
    () => false,
  )
