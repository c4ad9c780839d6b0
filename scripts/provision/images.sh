# Sourced by provision.sh: the image builders. An image is built under a hidden name and only
# renamed to img_NNNNN once a shell runs in it.
build_busybox_rootfs() {
  local r=$1 busybox=/bin/busybox
  dpkg-query -W -f='${Status}' busybox-static 2>/dev/null | grep -q 'install ok installed' ||
    refuse "the base image needs busybox-static (a static /bin/busybox); run with --packages"
  mkdir -p "$r"/{bin,sbin,usr/bin,usr/sbin,etc,proc,sys,dev,tmp,root}
  cp "$busybox" "$r/bin/busybox" || return 1
  chroot "$r" /bin/busybox --install -s || return 1
  echo 'root:x:0:0:root:/root:/bin/sh' >"$r/etc/passwd"
  echo 'root:x:0:' >"$r/etc/group"
  echo "$BASE_SOURCE" >"$r/img.source"
}
make_image() { # name builder...
  local name=$1 partial="$BTRFS_PATH/.$1.partial"; shift
  [ -d "$partial" ] && btrfs subvolume delete "$partial" >/dev/null
  btrfs subvolume create "$partial" >/dev/null
  # Built under a hidden name and renamed at the end, so a half-built image never looks ready.
  # (set -e does not apply inside an `if` condition: builders check their own commands, and the
  # image must really run a shell before it gets its name.)
  BUILDING=$partial
  if ! "$@" "$partial" || ! chroot "$partial" /bin/sh -c true; then btrfs subvolume delete "$partial" >/dev/null; BUILDING=; return 1; fi
  BUILDING=
  mv "$partial" "$BTRFS_PATH/$name"
}
# The mirror apt already uses (the only one a lab machine may be able to reach).
configured_mirror() {
  { grep -h '^URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '{print $2}'
    grep -h '^deb ' /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null |
      awk '{for (i = 2; i <= NF; i++) if ($i ~ /^https?:/) {print $i; break}}'
  } | grep -v -e security -e '^$' | head -n1
}
build_debian_rootfs() {
  local r=$1 suite mirror
  suite=$(. /etc/os-release; echo "${VERSION_CODENAME:-bookworm}")
  mirror=${BOCKER_LEARN_DEBIAN_MIRROR:-$(configured_mirror)}
  [ -n "$mirror" ] || refuse "--debian-image: no apt mirror found; set BOCKER_LEARN_DEBIAN_MIRROR"
  have debootstrap || refuse "--debian-image needs debootstrap; run with --packages --debian-image"
  debootstrap --variant=minbase --include=iproute2,iputils-ping,procps "$suite" "$r" "$mirror" >/dev/null || return 1
  rm -f "$r"/var/cache/apt/archives/*.deb
  echo "debootstrap $suite minbase (bocker-learn)" >"$r/img.source"
}
