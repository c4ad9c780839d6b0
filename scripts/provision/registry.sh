# Sourced by provision.sh: the lab's offline registry, Docker Hub's API on loopback (docker-registry
# with token auth). Provisioning makes its keys and config and pushes the images once, through a
# temporary registry process; serving it for the lessons is bocker-learn's job, not this script's.
REG_DIR=$STATE_DIR/registry
DEB_CACHE=${BOCKER_LEARN_DEB_CACHE:-/var/cache/bocker-learn/debs}
REG_ADDR=${BOCKER_LEARN_REGISTRY_ADDR:-127.0.0.1:5000}
REG_UNIT=docker-registry.service
REG_SERVICE=registry.bocker-learn.lab
REG_ISSUER=auth.bocker-learn.lab
DFI_SRC=$HERE/download-frozen-image-v2
DFI_BIN=${BOCKER_LEARN_DFI_BIN:-/usr/local/bin/download-frozen-image-v2}
REG_PID= WORK= TOKEN=

# The listener holding host:port (or the same port on every address), if any.
addr_taken() {
  local host=${1%:*} port=${1##*:}
  ss -Hltn "sport = :$port" 2>/dev/null |
    awk -v a="$host:$port" -v p=":$port" '$4 == a || $4 == "0.0.0.0"p || $4 == "*"p || $4 == "[::]"p {print $4; exit}'
}

# Debian's unit would serve Debian's config (htpasswd, every interface): masked before the package
# comes, unless it already runs as someone else's registry, which is left alone.
guard_registry_unit() {
  has_systemd || return 0
  [ "$(systemctl is-enabled "$REG_UNIT" 2>/dev/null)" = masked ] && return 0
  if systemctl is-active --quiet "$REG_UNIT"; then
    local held; held=$(addr_taken "$REG_ADDR")
    [ -z "$held" ] || refuse "$REG_UNIT (not bocker-learn's) is running and holds $held, which the lab registry needs; stop it (systemctl disable --now $REG_UNIT) and re-run"
    return 0
  fi
  systemctl mask --quiet "$REG_UNIT"
  record registry-masked
  changed "masked $REG_UNIT (Debian's unit would serve its own config on every interface)"
}

install_dfi() {
  [ -f "$DFI_SRC" ] || return 0
  cmp -s "$DFI_SRC" "$DFI_BIN" && [ "$(stat -c %a "$DFI_BIN")" = 755 ] && return 0
  # Only a copy this lab put there is removed by --undo (an older copy was there before this record).
  [ -e "$DFI_BIN" ] || record dfi
  mkdir -p "$(dirname "$DFI_BIN")"
  install -m 0755 "$DFI_SRC" "$DFI_BIN"
  changed "installed $DFI_BIN"
}

registry_keys() {
  [ -f "$REG_DIR/key.pem" ] && [ -f "$REG_DIR/cert.pem" ] && return 0
  if [ ! -f "$REG_DIR/key.pem" ]; then
    openssl genpkey -quiet -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$REG_DIR/key.pem"
    chmod 0600 "$REG_DIR/key.pem"
  fi
  openssl req -x509 -new -key "$REG_DIR/key.pem" -subj "/CN=$REG_ISSUER" -days 36500 -out "$REG_DIR/cert.pem" 2>/dev/null
  changed "made the registry's token signing key and certificate ($REG_DIR/key.pem, cert.pem)"
}

registry_config() {
  local secret text
  secret=$(awk '$1 == "secret:" {print $2; exit}' "$REG_DIR/config.yml" 2>/dev/null || true)
  [ -n "$secret" ] || secret=$(openssl rand -hex 32)
  text="version: 0.1
log:
  level: warn
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: $REG_DIR/storage
  delete:
    enabled: false
  maintenance:
    uploadpurging:
      enabled: false
http:
  addr: $REG_ADDR
  secret: $secret
auth:
  token:
    realm: http://127.0.0.3:5001/token
    service: $REG_SERVICE
    issuer: $REG_ISSUER
    rootcertbundle: $REG_DIR/cert.pem
middleware:
  storage:
    - name: redirect
      options:
        baseurl: http://127.0.0.2:5002"
  if [ "$(cat "$REG_DIR/config.yml" 2>/dev/null)" != "$text" ]; then
    printf '%s\n' "$text" >"$REG_DIR/config.yml"
    changed "wrote $REG_DIR/config.yml"
  fi
}

# Each line of images.txt still names what the registry's storage holds.
# Bump when the images change (their digests do): an older lab rebuilds them.
IMAGES_VERSION=2
registry_images_present() {
  local name digest mt link
  [ -s "$REG_DIR/images.txt" ] || return 1
  [ "$(cat "$REG_DIR/images.version" 2>/dev/null)" = "$IMAGES_VERSION" ] || return 1
  while read -r name digest mt; do
    case $name in
      *@*) link=revisions/sha256/${digest#sha256:}/link ;;
      *) link=tags/${name##*:}/current/link ;;
    esac
    [ "$(cat "$REG_DIR/storage/docker/registry/v2/repositories/${name%[:@]*}/_manifests/$link" 2>/dev/null)" = "$digest" ] || return 1
  done <"$REG_DIR/images.txt"
}

b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
# libtrust's key id, which the registry matches against rootcertbundle's key.
registry_kid() {
  openssl pkey -in "$REG_DIR/key.pem" -pubout -outform DER | openssl dgst -sha256 -binary | head -c 30 |
    base32 -w0 | tr -d '=' | sed 's/.\{4\}/&:/g; s/:$//'
}
# A short push token, signed here: push needs the root-only key, so nothing serves it over HTTP.
push_token() {
  local now header claims
  now=$(date +%s)
  header=$(jq -ncj --arg kid "$(registry_kid)" '{typ: "JWT", alg: "RS256", kid: $kid}' | b64url)
  claims=$(jq -ncj --arg iss "$REG_ISSUER" --arg aud "$REG_SERVICE" --arg repo "$REG_REPO" --arg jti "$(openssl rand -hex 16)" \
    --argjson now "$now" '{iss: $iss, sub: "provision", aud: $aud, exp: ($now + 300), nbf: ($now - 10), iat: $now, jti: $jti,
      access: [{type: "repository", name: $repo, actions: ["pull", "push"]}]}' | b64url)
  printf '%s.%s.%s' "$header" "$claims" "$(printf '%s.%s' "$header" "$claims" | openssl dgst -sha256 -sign "$REG_DIR/key.pem" -binary | b64url)"
}

start_registry() {
  local i
  docker-registry serve "$REG_DIR/config.yml" </dev/null >"$WORK/registry.log" 2>&1 &
  REG_PID=$!
  for i in $(seq 100); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "http://$REG_ADDR/v2/")" = 401 ] && return 0
    kill -0 "$REG_PID" 2>/dev/null || break
    sleep 0.05
  done
  refuse "the temporary registry did not answer on $REG_ADDR: $(tail -n1 "$WORK/registry.log")"
}
stop_registry() {
  [ -n "$REG_PID" ] || return 0
  kill "$REG_PID" 2>/dev/null || true
  wait "$REG_PID" 2>/dev/null || true
  REG_PID=
}
registry_cleanup() { stop_registry; [ -z "$WORK" ] || rm -rf "$WORK"; WORK=; }

# reg METHOD URL [curl args]: prints the HTTP status; the answer's headers are in $WORK/headers.
reg() {
  local method=$1 url=$2; shift 2
  [[ $url == http* ]] || url=http://$REG_ADDR$url
  curl -sS -o "$WORK/body" -D "$WORK/headers" -w '%{http_code}' -X "$method" -H "Authorization: Bearer $TOKEN" "$@" "$url" || true
}
answer_header() { awk -v k="$1:" 'tolower($1) == k {sub(/\r$/, "", $2); print $2}' "$WORK/headers"; }
push_failed() { refuse "pushing to the temporary registry failed: $1 answered HTTP $2 $(jq -rj '.errors[0].message? // empty' "$WORK/body" 2>/dev/null)"; }

push_blob() { # digest
  local code location
  code=$(reg POST "/v2/$REG_REPO/blobs/uploads/")
  [ "$code" = 202 ] || push_failed "POST /v2/$REG_REPO/blobs/uploads/" "$code"
  location=$(answer_header location)
  case $location in *\?*) location="$location&digest=$1" ;; *) location="$location?digest=$1" ;; esac
  code=$(reg PUT "$location" -H 'Content-Type: application/octet-stream' --data-binary "@$WORK/blobs/${1#sha256:}")
  [ "$code" = 201 ] && [ "$(answer_header docker-content-digest)" = "$1" ] || push_failed "PUT blob $1" "$code"
}
push_manifest() { # reference digest mediaType
  local ref=${1#*[:@]} code
  [[ $1 == *@* ]] && ref=$2
  code=$(reg PUT "/v2/$REG_REPO/manifests/$ref" -H "Content-Type: $3" --data-binary "@$WORK/manifests/${2#sha256:}")
  [ "$code" = 201 ] && [ "$(answer_header docker-content-digest)" = "$2" ] || push_failed "PUT manifest $1" "$code"
}

build_and_push_images() {
  local held old_umask blob ref digest mt
  held=$(addr_taken "$REG_ADDR")
  [ -z "$held" ] || refuse "something already listens on $held (bocker-learn's own registry?); provisioning pushes the lab's images through a temporary registry on $REG_ADDR: stop it and re-run"
  if ! ip -o link show dev lo | grep -q '<[^>]*\bUP\b'; then
    ip link set dev lo up
    changed "set lo up (the lab registry listens on 127.0.0.1)"
  fi
  old_umask=$(umask)
  umask 022
  WORK=$(mktemp -d "${TMPDIR:-/tmp}/bocker-learn-registry.XXXXXX")
  trap registry_cleanup EXIT
  build_registry_images || refuse "could not build the registry's images (see the message above)"
  rm -rf "$REG_DIR/storage" "$REG_DIR/images.txt"
  start_registry
  TOKEN=$(push_token)
  for blob in "$WORK"/blobs/*; do push_blob "sha256:$(basename "$blob")"; done
  while read -r ref digest mt; do push_manifest "$ref" "$digest" "$mt"; done <"$WORK/push"
  stop_registry
  mv "$WORK/push" "$REG_DIR/images.txt"
  echo "$IMAGES_VERSION" >"$REG_DIR/images.version"
  registry_cleanup
  trap - EXIT
  umask "$old_umask"
  changed "pushed $REG_REPO:latest (amd64 + arm64/v8) and :2layer into $REG_DIR/storage (list: $REG_DIR/images.txt)"
}

provision_registry() {
  local tool
  for tool in docker-registry openssl curl jq ss; do
    have "$tool" || refuse "the lab registry needs $tool; run with --packages (or apt-get install docker-registry openssl curl jq iproute2)"
  done
  guard_registry_unit
  install_dfi
  [ -d "$REG_DIR" ] || mkdir -p "$REG_DIR"
  registry_keys
  registry_config
  if ! registry_images_present; then build_and_push_images; fi
}
