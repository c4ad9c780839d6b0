/** A check's claim: its first line's comment, without the "claim:" word (or its first line). */
export function claimLabel(code: string): string {
  const first = code.trim().split('\n')[0] ?? ''
  const comment = /^#\s*(.*)/.exec(first)?.[1]
  return comment === undefined ? first : comment.replace(/^(主張|claim)\s*[:：]\s*/i, '')
}
