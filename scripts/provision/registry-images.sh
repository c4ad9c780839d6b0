# Sourced by provision.sh: the lab registry's images, built offline into $WORK. Every byte is fixed
# (file modes, owners, mtimes, order, gzip without a name or time, compact JSON), so a rebuild on
# the same machine gives the same digests.
REG_REPO=library/busybox
MT_LIST=application/vnd.docker.distribution.manifest.list.v2+json
MT_MANIFEST=application/vnd.docker.distribution.manifest.v2+json
MT_CONFIG=application/vnd.docker.container.image.v1+json
MT_LAYER=application/vnd.docker.image.rootfs.diff.tar.gzip
IMAGE_PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

sha256_of() { sha256sum "$1" | cut -c1-64; }
# Blobs live in $WORK/blobs and manifests in $WORK/manifests, each file named by its sha256.
keep_as() { local h; h=$(sha256_of "$2"); mv "$2" "$WORK/$1/$h"; echo "sha256:$h"; }
size_of() { stat -c %s "$WORK/$1/${2#sha256:}"; }
descriptor() { # dir mediaType digest
  jq -ncj --arg mt "$2" --arg d "$3" --argjson s "$(size_of "$1" "$3")" '{mediaType: $mt, size: $s, digest: $d}'
}

busybox_rootfs() { # dir busybox-binary
  local r=$1 applet
  mkdir -p "$r"/{bin,sbin,usr/bin,usr/sbin,etc,proc,sys,dev,tmp,root} || return 1
  chmod 0755 "$r" && chmod 1777 "$r/tmp" && chmod 0700 "$r/root" || return 1
  install -m 0755 "$2" "$r/bin/busybox" || return 1
  # The applet list comes from the native busybox: a foreign one cannot run here.
  while read -r applet; do
    [ "$applet" = bin/busybox ] || ln -s /bin/busybox "$r/$applet" || return 1
  done < <(/bin/busybox --list-full)
  echo 'root:x:0:0:root:/root:/bin/sh' >"$r/etc/passwd"
  echo 'root:x:0:' >"$r/etc/group"
}

# Prints "<layer digest> <diff_id>".
make_layer() { # dir
  local tarball=$WORK/layer.tar diff
  tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner --format=gnu -C "$1" -cf "$tarball" . || return 1
  diff=sha256:$(sha256_of "$tarball")
  gzip -n <"$tarball" >"$tarball.gz" && rm -f "$tarball" || return 1
  echo "$(keep_as blobs "$tarball.gz") $diff"
}

# Prints the digest of a schema 2 manifest for one platform; its config and layers are kept as blobs.
# (history, one entry per layer plus Docker's empty-layer entry for CMD, lets the registry still
# answer a client that asks for schema 1, as Docker Hub's busybox does: with an extra empty layer.)
platform_image() { # arch variant layer-dir...
  local arch=$1 variant=$2 dir layer diff layers=() diffs=() config
  shift 2
  for dir; do
    read -r layer diff < <(make_layer "$dir")
    [ -n "$diff" ] || return 1
    layers+=("$(descriptor blobs "$MT_LAYER" "$layer")"); diffs+=("$diff")
  done
  jq -ncj --arg arch "$arch" --arg variant "$variant" --arg path "PATH=$IMAGE_PATH" '
    {architecture: $arch} + (if $variant == "" then {} else {variant: $variant} end)
    + {os: "linux", created: "1970-01-01T00:00:00Z", config: {Env: [$path], Cmd: ["sh"]},
       rootfs: {type: "layers", diff_ids: $ARGS.positional},
       history: ([range($ARGS.positional | length) | {created: "1970-01-01T00:00:00Z", created_by: "bocker-learn provision, layer \(. + 1)"}]
         + [{created: "1970-01-01T00:00:00Z", created_by: "/bin/sh -c #(nop)  CMD [\"sh\"]", empty_layer: true}])}' \
    --args "${diffs[@]}" >"$WORK/config" || return 1
  config=$(keep_as blobs "$WORK/config")
  jq -ncj --arg mt "$MT_MANIFEST" --argjson config "$(descriptor blobs "$MT_CONFIG" "$config")" \
    '{schemaVersion: 2, mediaType: $mt, config: $config, layers: [$ARGS.positional[] | fromjson]}' \
    --args "${layers[@]}" >"$WORK/manifest" || return 1
  keep_as manifests "$WORK/manifest"
}

# Sets FOREIGN_DEB to a cached busybox-static .deb for another architecture, downloaded once
# without adding that architecture to dpkg (apt-get with private lists and cache).
fetch_foreign_busybox() { # arch
  local arch=$1 deb version apt_private
  # a cache outside the state dir: the lab's own, a test lab's and an offline guest's all share it
  deb=$(ls "$DEB_CACHE"/busybox-static_*_"$arch".deb 2>/dev/null | sort -V | tail -n1 || true)
  if [ -n "$deb" ]; then
    FOREIGN_DEB=$deb
    return 0
  fi
  version=$(dpkg-query -W -f='${Version}' busybox-static)
  mkdir -p "$WORK/apt/lists/partial" "$WORK/apt/cache/archives/partial" "$WORK/apt/get"
  apt_private=(apt-get -qq -o Dir::State::Lists="$WORK/apt/lists" -o Dir::Cache="$WORK/apt/cache"
    -o APT::Architecture="$arch" -o APT::Architectures="$arch" -o APT::Sandbox::User=root)
  if ! (cd "$WORK/apt/get" && "${apt_private[@]}" update &&
    { "${apt_private[@]}" download "busybox-static:$arch=$version" || "${apt_private[@]}" download "busybox-static:$arch"; }) >/dev/null 2>&1; then
    refuse "the registry's $arch image needs busybox-static:$arch from the apt mirror, once (download failed); re-run when the mirror is reachable"
  fi
  deb=$(ls "$WORK/apt/get"/busybox-static_*_"$arch".deb)
  [ -d "$DEB_CACHE" ] || { mkdir -p "$DEB_CACHE"; record debcache; }
  mv "$deb" "$DEB_CACHE/"
  FOREIGN_DEB=$DEB_CACHE/$(basename "$deb")
  changed "downloaded $(basename "$FOREIGN_DEB") into $DEB_CACHE"
}

# Builds library/busybox:latest (a manifest list, amd64 + arm64/v8) and :2layer (native, two layers
# with a whiteout) into $WORK; $WORK/push lists "<reference> <digest> <mediaType>" in push order.
build_registry_images() {
  local native foreign amd64 arm64 m2 list
  native=$(dpkg --print-architecture)
  case $native in
    amd64) foreign=arm64 ;;
    arm64) foreign=amd64 ;;
    *) refuse "the lab registry's images are amd64 and arm64; this machine is $native" ;;
  esac
  dpkg-query -W -f='${Status}' busybox-static 2>/dev/null | grep -q 'install ok installed' ||
    refuse "the registry's images need busybox-static (a static /bin/busybox); run with --packages"
  fetch_foreign_busybox "$foreign"
  mkdir -p "$WORK/blobs" "$WORK/manifests" "$WORK/deb"
  dpkg-deb -x "$FOREIGN_DEB" "$WORK/deb" || return 1
  busybox_rootfs "$WORK/$native" /bin/busybox || return 1
  busybox_rootfs "$WORK/$foreign" "$WORK/deb/bin/busybox" || return 1
  amd64=$(platform_image amd64 "" "$WORK/amd64") || return 1
  arm64=$(platform_image arm64 v8 "$WORK/arm64") || return 1

  # 2layer: layer 1 brings opt/legacy/README, layer 2 adds etc/motd and deletes opt/legacy (whiteout).
  mkdir -p "$WORK/$native/opt/legacy" "$WORK/top/etc" "$WORK/top/opt" || return 1
  echo 'old tool, removed in layer 2' >"$WORK/$native/opt/legacy/README"
  echo 'hello from layer 2' >"$WORK/top/etc/motd"
  : >"$WORK/top/opt/.wh.legacy"
  chmod 0755 "$WORK/top" || return 1
  m2=$(platform_image "$native" "$([ "$native" = arm64 ] && echo v8)" "$WORK/$native" "$WORK/top") || return 1

  jq -ncj --arg mt "$MT_LIST" \
    --argjson a "$(descriptor manifests "$MT_MANIFEST" "$amd64")" --argjson b "$(descriptor manifests "$MT_MANIFEST" "$arm64")" \
    '{schemaVersion: 2, mediaType: $mt, manifests: [
       $a + {platform: {architecture: "amd64", os: "linux"}},
       $b + {platform: {architecture: "arm64", os: "linux", variant: "v8"}}]}' >"$WORK/list" || return 1
  list=$(keep_as manifests "$WORK/list")
  printf '%s\n' "$REG_REPO@amd64 $amd64 $MT_MANIFEST" "$REG_REPO@arm64 $arm64 $MT_MANIFEST" \
    "$REG_REPO:latest $list $MT_LIST" "$REG_REPO:2layer $m2 $MT_MANIFEST" >"$WORK/push"
}
