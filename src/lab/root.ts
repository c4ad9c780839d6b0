// bocker, and every lab change, needs root; the commands check it before anything else.
export const isRoot = (): boolean => process.getuid?.() === 0
