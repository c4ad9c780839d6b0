// What the observe stage says, in English.
export const observe = {
}
