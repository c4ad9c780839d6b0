// The lab's stand-ins for Docker Hub, all on loopback: the registry (registry-1.docker.io), the token
// issuer (auth.docker.io) and the blob host (the CDN Docker Hub redirects blobs to). The same values
// are in scripts/provision/registry.sh, which writes the registry's config.
import { LEDGER_DIR, STATE_DIR } from '../paths.js'

export const REGISTRY_DIR = `${STATE_DIR}/registry`
export const REGISTRY_CONFIG = `${REGISTRY_DIR}/config.yml`
export const REGISTRY_STORAGE = `${REGISTRY_DIR}/storage`
export const SIGNING_KEY = `${REGISTRY_DIR}/key.pem`
export const IMAGES_LIST = `${REGISTRY_DIR}/images.txt`
/** the ledger of the services: their processes and the runs using them */
export const SERVICES_FILE = `${LEDGER_DIR}/services.json`
export const SERVICES_LOG = `${REGISTRY_DIR}/services.log`

export interface Listener {
  host: string
  port: number
}

export const REGISTRY: Listener = { host: '127.0.0.1', port: 5000 }
export const AUTH: Listener = { host: '127.0.0.3', port: 5001 }
export const BLOBS: Listener = { host: '127.0.0.2', port: 5002 }

export const AUTH_SERVICE = 'registry.bocker-learn.lab'
export const AUTH_ISSUER = 'auth.bocker-learn.lab'
export const TOKEN_PATH = '/token'
/** Docker Hub's anonymous tokens last 300 s too */
export const TOKEN_SECONDS = 300

export const url = (l: Listener): string => `http://${l.host}:${l.port}`
