#!/usr/bin/env bash
# Prepare (or undo) a bocker-learn lab: btrfs loop at /var/bocker, bridge0 10.0.0.1/24,
# base image img_42001, the lab registry (keys, config, images), lab marker. Idempotent: a second
# run changes nothing and says so.
# Used by the Vagrantfile, cloud-init, CI (.ci/run) and `bocker-learn setup`.
set -euo pipefail
export LC_ALL=C PATH="/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:$PATH"

usage() {
  cat <<'EOF'
usage: provision.sh [--packages] [--node] [--nat] [--size 2G] [--debian-image] [--no-persist] [--undo]
  --packages      apt-get install the tools bocker needs (only if some are missing)
  --node          (VM only) make sure Node.js >= 20 is installed
  --nat           (VM only) ip_forward=1 and MASQUERADE 10.0.0.0/24 leaving other interfaces
  --size SIZE     size of the sparse btrfs loop file when it is created (default 2G)
  --debian-image  also build img_42002 with debootstrap (slow, needs the Debian mirror)
  --no-persist    do not make the mount/bridge come back after reboot (tests)
  --undo          remove what this script made
EOF
}

# The same paths as src/lab/paths.ts (env overrides exist for tests only).
STATE_DIR=${BOCKER_LEARN_STATE_DIR:-/var/lib/bocker-learn}
BTRFS_PATH=${BOCKER_LEARN_BTRFS_PATH:-/var/bocker}
MARKER=${BOCKER_LEARN_MARKER:-/etc/bocker-learn/lab}
LOOP_FILE=$STATE_DIR/bocker.img
RECORD=${BOCKER_LEARN_RECORD:-$STATE_DIR/provision.record}
BRIDGE=bridge0
GATEWAY_CIDR=10.0.0.1/24
SUBNET=10.0.0.0/24
BASE_IMAGE=img_42001
BASE_SOURCE='busybox-static (bocker-learn base image)'
DEBIAN_IMAGE=img_42002
UNIT=/etc/systemd/system/bocker-learn-bridge.service
SYSCTL_FILE=/etc/sysctl.d/90-bocker-learn.conf
PACKAGES=(iproute2 btrfs-progs cgroup-tools busybox-static util-linux coreutils procps iptables jq curl uuid-runtime docker-registry openssl)

want_packages=0 want_node=0 want_nat=0 want_debian=0 persist=1 undo=0 size=2G
while [ $# -gt 0 ]; do
  case "$1" in
    --packages) want_packages=1 ;;
    --node) want_node=1 ;;
    --nat) want_nat=1 ;;
    --debian-image) want_debian=1 ;;
    --no-persist) persist=0 ;;
    --undo) undo=1 ;;
    --size) [ $# -ge 2 ] || { echo "provision: --size needs a value, e.g. --size 2G" >&2; exit 2; }
            size=$2; shift ;;
    --size=*) size=${1#--size=} ;;
    -h|--help) usage; exit 0 ;;
    *) echo "provision: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
[[ $size =~ ^[0-9]+[KMGT]?$ ]] || { echo "provision: bad --size '$size' (use e.g. 2G)" >&2; exit 2; }

changes=0
changed() { echo "changed: $*"; changes=$((changes + 1)); }
note() { echo "note: $*"; }
# a refusal inside an image builder must not leave its half-built subvolume behind
refuse() { [ -n "${BUILDING:-}" ] && btrfs subvolume delete "$BUILDING" >/dev/null 2>&1; echo "provision: refusing: $*" >&2; exit 3; }
record() { mkdir -p "$STATE_DIR"; grep -qxF "$1" "$RECORD" 2>/dev/null || echo "$1" >>"$RECORD"; }
recorded() { grep -qxF "$1" "$RECORD" 2>/dev/null; }
have() { command -v "$1" >/dev/null 2>&1; }
has_systemd() { [ -d /run/systemd/system ]; }

[ "$(id -u)" -eq 0 ] || { echo "provision: must run as root (sudo bash $0 ...)" >&2; exit 2; }
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$HERE/provision/undo.sh"
. "$HERE/provision/images.sh"
. "$HERE/provision/registry.sh"
. "$HERE/provision/registry-images.sh"

# ---------- facts about the machine ----------
ip2int() { local IFS=.; set -- $1; echo $(( ($1 << 24) | ($2 << 16) | ($3 << 8) | $4 )); }

# A route that overlaps 10.0.0.0/24 on an interface other than bridge0 means bocker's
# addresses would clash with a real network (VPN, LAN): refuse rather than hijack it.
foreign_route_to_subnet() {
  local net=$(ip2int 10.0.0.0) dst dev len base mask lo
  while read -r dst dev; do
    [ "$dst" = default ] && continue
    [ "$dev" = "$BRIDGE" ] && continue
    len=${dst#*/}; [ "$len" = "$dst" ] && len=32
    base=$(ip2int "${dst%/*}")
    lo=$(( len < 24 ? len : 24 ))
    mask=$(( lo == 0 ? 0 : (0xffffffff << (32 - lo)) & 0xffffffff ))
    if [ $(( base & mask )) -eq $(( net & mask )) ]; then echo "$dst dev $dev"; return 0; fi
  done < <(ip -4 -o route show table main | awk '{d=""; for(i=1;i<NF;i++) if($i=="dev") d=$(i+1); print $1, d}')
  return 1
}

bridge_addrs() { ip -4 -o addr show dev "$BRIDGE" 2>/dev/null | awk '{print $4}'; }
bridge_exists() { ip link show dev "$BRIDGE" >/dev/null 2>&1; }
bridge_up() { ip -o link show dev "$BRIDGE" 2>/dev/null | grep -q '<[^>]*\bUP\b'; }

mount_source() { findmnt -n -o SOURCE --mountpoint "$BTRFS_PATH" 2>/dev/null | tail -n1; }
mount_fstype() { findmnt -n -o FSTYPE --mountpoint "$BTRFS_PATH" 2>/dev/null | tail -n1; }
loop_devices_of_file() { losetup -n -O NAME -j "$LOOP_FILE" 2>/dev/null || true; }
is_our_mount() {
  local src; src=$(mount_source)
  [ -n "$src" ] && [ "$(mount_fstype)" = btrfs ] || return 1
  loop_devices_of_file | grep -qxF "$src"
}

check_btrfs_path_is_ours() {
  if mountpoint -q "$BTRFS_PATH" 2>/dev/null; then
    is_our_mount || refuse "$BTRFS_PATH is a $(mount_fstype) mount from $(mount_source), not bocker-learn's loop file $LOOP_FILE"
  elif [ -e "$BTRFS_PATH" ] && [ -n "$(ls -A "$BTRFS_PATH" 2>/dev/null)" ]; then
    refuse "$BTRFS_PATH is not empty and is not bocker-learn's btrfs; move its contents away first"
  fi
}

# ---------- undo ----------
if [ "$undo" = 1 ]; then undo_lab; fi

# ---------- packages ----------
missing_packages() {
  local p; for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || echo "$p"
  done
}
if [ "$want_packages" = 1 ]; then
  have apt-get || refuse "--packages supports Debian/Ubuntu (apt-get) only"
  wanted=("${PACKAGES[@]}"); [ "$want_debian" = 1 ] && wanted+=(debootstrap)
  mapfile -t missing < <(missing_packages "${wanted[@]}")
  if [ "${#missing[@]}" -gt 0 ]; then
    if printf '%s\n' "${missing[@]}" | grep -qx docker-registry; then guard_registry_unit; fi
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    changed "installed packages: ${missing[*]}"
  fi
fi

# ---------- node ----------
node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }
if [ "$want_node" = 1 ] && [ "$(node_major)" -lt 20 ]; then
  candidate=$(apt-cache policy nodejs 2>/dev/null | awk '/Candidate:/ {print $2}' | sed 's/^[0-9]*://')
  if [ -n "$candidate" ] && [ "${candidate%%.*}" -ge 20 ] 2>/dev/null; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
    changed "installed nodejs $candidate"
  else
    echo "provision: this distro's nodejs is ${candidate:-absent} (< 20). Use Debian 13 (trixie), or install Node 20+ from https://nodejs.org (or nvm), then re-run." >&2
    exit 4
  fi
fi

# ---------- safety checks before touching anything ----------
for tool in ip btrfs mkfs.btrfs losetup findmnt mountpoint; do
  have "$tool" || refuse "$tool is missing; run with --packages (or apt-get install iproute2 btrfs-progs util-linux)"
done
if route=$(foreign_route_to_subnet); then
  refuse "$SUBNET is already routed via $route; bocker's container network would clash with it"
fi
if bridge_exists; then
  other=$(bridge_addrs | grep -vxF "$GATEWAY_CIDR" || true)
  [ -z "$other" ] || refuse "$BRIDGE exists with address $(echo $other) instead of $GATEWAY_CIDR"
fi
check_btrfs_path_is_ours

# ---------- btrfs loop at /var/bocker ----------
mkdir -p "$STATE_DIR"
if [ ! -f "$LOOP_FILE" ]; then
  truncate -s "$size" "$LOOP_FILE"
  mkfs.btrfs -q "$LOOP_FILE" >/dev/null
  record loopfile
  changed "created $LOOP_FILE ($size sparse, btrfs)"
fi
[ -d "$BTRFS_PATH" ] || { mkdir -p "$BTRFS_PATH"; changed "created $BTRFS_PATH"; }
if ! mountpoint -q "$BTRFS_PATH"; then
  # Reuse a loop device already bound to the file: two devices on one btrfs would corrupt it.
  dev=$(loop_devices_of_file | head -n1)
  if [ -n "$dev" ]; then mount -t btrfs "$dev" "$BTRFS_PATH"; else mount -o loop "$LOOP_FILE" "$BTRFS_PATH"; fi
  changed "mounted $LOOP_FILE on $BTRFS_PATH"
fi
if [ "$persist" = 1 ] && ! awk -v p="$BTRFS_PATH" '$1 !~ /^#/ && $2 == p {f=1} END {exit !f}' /etc/fstab 2>/dev/null; then
  echo "$LOOP_FILE $BTRFS_PATH btrfs loop,nofail 0 0" >>/etc/fstab
  record fstab
  changed "added $BTRFS_PATH to /etc/fstab (mounted again after reboot)"
fi

# ---------- bridge0 ----------
if ! bridge_exists; then
  ip link add name "$BRIDGE" type bridge
  record bridge
  changed "created $BRIDGE"
fi
if ! bridge_addrs | grep -qxF "$GATEWAY_CIDR"; then
  ip addr add "$GATEWAY_CIDR" dev "$BRIDGE"
  changed "added $GATEWAY_CIDR to $BRIDGE"
fi
if ! bridge_up; then ip link set dev "$BRIDGE" up; changed "set $BRIDGE up"; fi

nat_rule=(POSTROUTING -s "$SUBNET" ! -o "$BRIDGE" -j MASQUERADE)
if [ "$want_nat" = 1 ]; then
  if [ "$(cat /proc/sys/net/ipv4/ip_forward)" != 1 ]; then
    echo 1 >/proc/sys/net/ipv4/ip_forward; record ip_forward; changed "net.ipv4.ip_forward=1"
  fi
  # /etc/sysctl.d comes with procps (Debian 13): without it, say so rather than fail half-way.
  if [ "$persist" = 1 ] && [ ! -f "$SYSCTL_FILE" ]; then
    if [ -d "$(dirname "$SYSCTL_FILE")" ]; then
      echo 'net.ipv4.ip_forward = 1' >"$SYSCTL_FILE"; record sysctl; changed "wrote $SYSCTL_FILE"
    else
      note "no $(dirname "$SYSCTL_FILE") (procps is not installed): ip_forward=1 will not come back after reboot by itself (re-run this script)"
    fi
  fi
  if ! iptables -t nat -C "${nat_rule[@]}" 2>/dev/null; then
    iptables -t nat -A "${nat_rule[@]}"; record nat; changed "added iptables MASQUERADE for $SUBNET"
  fi
fi

# The bridge (and the NAT rule, which iptables forgets) come back at boot through a unit,
# whatever network manager the distro uses (ifupdown, netplan, NetworkManager).
if [ "$persist" = 1 ] && has_systemd; then
  nat_line=""
  if [ "$want_nat" = 1 ] || recorded nat; then
    nat_line="ExecStart=/bin/sh -c 'iptables -t nat -C ${nat_rule[*]} 2>/dev/null || iptables -t nat -A ${nat_rule[*]}'"
  fi
  unit_text="[Unit]
Description=bocker-learn lab bridge ($BRIDGE $GATEWAY_CIDR)
After=network-pre.target
Before=network.target

[Service]
Type=oneshot
RemainAfterExit=yes
ExecStart=/bin/sh -c 'ip link show $BRIDGE >/dev/null 2>&1 || ip link add name $BRIDGE type bridge'
ExecStart=/bin/sh -c 'ip -4 addr show dev $BRIDGE | grep -q \"inet $GATEWAY_CIDR\" || ip addr add $GATEWAY_CIDR dev $BRIDGE'
ExecStart=/bin/sh -c 'ip link set dev $BRIDGE up'
$nat_line

[Install]
WantedBy=multi-user.target"
  if [ "$(cat "$UNIT" 2>/dev/null)" != "$unit_text" ]; then
    printf '%s\n' "$unit_text" >"$UNIT"
    systemctl daemon-reload
    record unit
    changed "wrote $UNIT"
  fi
  if ! systemctl is-enabled --quiet "$(basename "$UNIT")" 2>/dev/null; then
    systemctl enable --quiet "$(basename "$UNIT")"
    changed "enabled $(basename "$UNIT") (bridge0 comes back after reboot)"
  fi
elif [ "$persist" = 1 ]; then
  note "no systemd: $BRIDGE will not come back after reboot by itself (re-run this script)"
fi

# ---------- base image ----------
if [ ! -x "$BTRFS_PATH/$BASE_IMAGE/bin/busybox" ]; then
  [ -e "$BTRFS_PATH/$BASE_IMAGE" ] && refuse "$BTRFS_PATH/$BASE_IMAGE exists but is not a busybox image; remove it and re-run"
  make_image "$BASE_IMAGE" build_busybox_rootfs || refuse "could not build the base image $BTRFS_PATH/$BASE_IMAGE (see the message above)"
  changed "built base image $BTRFS_PATH/$BASE_IMAGE (busybox-static)"
fi

if [ "$want_debian" = 1 ] && [ ! -d "$BTRFS_PATH/$DEBIAN_IMAGE" ]; then
  make_image "$DEBIAN_IMAGE" build_debian_rootfs || refuse "--debian-image: debootstrap could not build $BTRFS_PATH/$DEBIAN_IMAGE (is the mirror reachable? see above)"
  changed "built $BTRFS_PATH/$DEBIAN_IMAGE (debootstrap)"
fi

# ---------- lab registry (keys, config, images) ----------
provision_registry

# ---------- lab marker ----------
if [ ! -f "$MARKER" ]; then
  mkdir -p "$(dirname "$MARKER")"
  echo "This machine is a throw-away bocker-learn lab (made by scripts/provision.sh). Containers run as root here." >"$MARKER"
  record marker
  changed "wrote $MARKER"
fi
mkdir -p "$STATE_DIR/runs"

if [ "$changes" = 0 ]; then echo "provision: nothing to change (lab already set up)"; else echo "provision: done ($changes changes)"; fi
