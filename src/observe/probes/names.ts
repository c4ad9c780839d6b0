// Which names belong to bocker (and so are worth showing). Everything else on the host is noise.
import { BRIDGE } from '../../lab/paths.js'

const UUID = /ps_\d+/

export const isBockerNetns = (name: string): boolean => /^netns_ps_\d+$/.test(name)
export const isBockerVeth = (name: string): boolean => /^veth[01]_ps_\d+$/.test(name)
export const isBockerHostLink = (name: string): boolean => name === BRIDGE || isBockerVeth(name)
export const isBockerSubvolume = (name: string): boolean => /^(img|ps)_\d+$/.test(name)
export const isBockerCgroup = (name: string): boolean => /^ps_\d+$/.test(name)

/** 'veth1_ps_42032' → 'ps_42032'; undefined when the name carries no uuid */
export function uuidIn(name: string): string | undefined {
  return UUID.exec(name)?.[0]
}
