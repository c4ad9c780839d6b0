// What the cli stage says, in English.
export const cli = {
}
