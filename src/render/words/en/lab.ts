// What the lab stage says, in English.
export const lab = {
}
