// What the lesson stage says, in English.
export const lesson = {
}
