#!/usr/bin/env bash
# debian13-guest.sh — run scripts as root in a throw-away Debian 13 (trixie) guest: the Vagrant
# box's OS with its own kernel and systemd, under qemu, with no network device.
#
# Usage: test/vm/debian13-guest.sh SCRIPT [SCRIPT...]
#   SCRIPT 1 runs (bash as root, cwd /opt/bocker-learn, stdin /dev/null, output a pipe, sudo's PATH)
#   from a unit after the first boot; if a SCRIPT 2 is given, the guest then reboots and SCRIPT 2
#   runs, and so on. Their output goes to stdout; one line per boot with its times to stderr.
# Exit: the first failing script's exit code, else 0; 124 a boot timed out; 125 harness error.
# Env:  BOCKER_VM_TIMEOUT (s per boot, default 900)  BOCKER_VM_MEM (MiB, 2048)  BOCKER_VM_CPUS (1)
#
# The root is built once with debootstrap from the mirror apt already uses, with every package the
# lab needs installed (the guest cannot download), and cached in /var/cache/bocker-learn-vm/debian13
# (rebuilt when the package list or the build changes). Per run: an overlay on the cached root (in a
# private mount namespace) gets the project, the scripts and the unit; mkfs.ext4 -d makes the disk
# from it. KVM is not used: stock kernels fail on this machine's /dev/kvm.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
PROJECT=$(cd "$HERE/../.." && pwd)
CACHE=/var/cache/bocker-learn-vm/debian13
TIMEOUT=${BOCKER_VM_TIMEOUT:-900}
MEM=${BOCKER_VM_MEM:-2048}
# One vCPU: with two, under multi-threaded TCG, the kernel's live code patching (text_poke: int3, then
# the new bytes) now and then reaches the other vCPU half done ("Oops: int3", a panic; 2 boots in 36 here).
CPUS=${BOCKER_VM_CPUS:-1}
SENTINEL=@@BOCKER_VM_EXIT=

die() { echo "debian13-guest: error: $*" >&2; exit 125; }
say() { echo "debian13-guest: $*" >&2; }

[ $# -ge 1 ] || die "usage: $0 SCRIPT [SCRIPT...]"
[ "$(id -u)" = 0 ] || die "must run as root"
[ "$(uname -m)" = x86_64 ] || die "only x86_64 hosts are supported"
[ -f "$PROJECT/dist/cli.js" ] && [ -d "$PROJECT/node_modules" ] || die "build the project first (npm ci)"

export DEBIAN_FRONTEND=noninteractive LC_ALL=C
need=()
command -v qemu-system-x86_64 >/dev/null || need+=(qemu-system-x86)
command -v debootstrap >/dev/null || need+=(debootstrap)
command -v mkfs.ext4 >/dev/null || need+=(e2fsprogs)
if [ ${#need[@]} -gt 0 ]; then
  apt-get install -y -qq "${need[@]}" >/dev/null 2>&1 ||
    { apt-get update -qq && apt-get install -y -qq "${need[@]}" >/dev/null; } ||
    die "apt-get install ${need[*]} failed"
fi

# ---- the root (built once) ----
. "$PROJECT/scripts/provision/images.sh"   # configured_mirror
mapfile -t LAB_PACKAGES < <(bash -c "$(grep '^PACKAGES=(' "$PROJECT/scripts/provision.sh")"'; printf "%s\n" "${PACKAGES[@]}"')
[ ${#LAB_PACKAGES[@]} -gt 0 ] || die "cannot read PACKAGES from scripts/provision.sh"
PACKAGES=("${LAB_PACKAGES[@]}" nodejs npm linux-image-amd64 systemd-sysv udev kmod e2fsprogs ca-certificates procps)

in_root() { # root command...: with /proc and /dev, in a mount namespace of its own
  local r=$1; shift
  unshare -m --propagation private bash -c 'r=$1; shift
    mount -t proc proc "$r/proc" && mount --rbind /dev "$r/dev" && exec chroot "$r" "$@"' _ "$r" "$@"
}
build_root() {
  local r=$1 mirror
  mirror=$(configured_mirror || true)
  [ -n "$mirror" ] || die "no apt mirror configured"
  debootstrap --variant=minbase trixie "$r" "$mirror" >"$CACHE/build.log" 2>&1 ||
    die "debootstrap trixie from $mirror failed (see $CACHE/build.log)"
  cp /etc/resolv.conf "$r/etc/resolv.conf"
  # no service may start in the chroot
  printf '#!/bin/sh\nexit 101\n' >"$r/usr/sbin/policy-rc.d"; chmod 755 "$r/usr/sbin/policy-rc.d"
  # debootstrap cannot resolve npm's dependencies: apt inside the root does the rest
  in_root "$r" apt-get update -qq >>"$CACHE/build.log" 2>&1 &&
    in_root "$r" apt-get install -y -qq --no-install-recommends "${PACKAGES[@]}" >>"$CACHE/build.log" 2>&1 ||
    die "apt-get install in the root failed (see $CACHE/build.log)"
  in_root "$r" apt-get clean
  rm -rf "$r"/var/lib/apt/lists/* "$r/usr/sbin/policy-rc.d"
  : >"$r/etc/resolv.conf"
  echo bocker-lab >"$r/etc/hostname"
  echo '/dev/vda / ext4 rw,errors=remount-ro 0 1' >"$r/etc/fstab"
  # As in the box before provisioning: Debian's registry unit must not serve :5000 (provision masks it).
  in_root "$r" systemctl disable --quiet docker-registry.service
}
KEY=$( { printf '%s\n' "${PACKAGES[@]}"; declare -f build_root in_root; } | sha256sum | cut -c1-16)
ROOT=$CACHE/root
mkdir -p "$CACHE"
exec 9>"$CACHE/.lock"
flock -w 1800 9 || die "timed out waiting for $CACHE/.lock"
if [ "$(cat "$CACHE/key" 2>/dev/null)" != "$KEY" ] || [ ! -d "$ROOT" ]; then
  say "building the Debian 13 root in $ROOT (once)"
  t0=$SECONDS
  rm -rf "$ROOT" "$ROOT.partial" "$CACHE/key"
  build_root "$ROOT.partial"
  mv "$ROOT.partial" "$ROOT"
  echo "$KEY" >"$CACHE/key"
  say "built the root in $((SECONDS - t0)) s ($(du -sh "$ROOT" | cut -f1))"
fi
flock -s 9   # runs share the root; a rebuild waits for them
VMLINUZ=$(ls "$ROOT"/boot/vmlinuz-* | sort -V | tail -n1)
INITRD=$ROOT/boot/initrd.img-${VMLINUZ##*/vmlinuz-}
[ -r "$INITRD" ] || die "no initrd for $VMLINUZ in the root"

# ---- per run: the disk ----
RUN=$(mktemp -d /tmp/debian13-guest.XXXXXX)
QPID=
cleanup() {
  if [ -n "$QPID" ] && kill -0 "$QPID" 2>/dev/null; then kill "$QPID" 2>/dev/null || true; sleep 0.5; kill -9 "$QPID" 2>/dev/null || true; fi
  rm -rf "$RUN"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

S=$RUN/stage
mkdir -p "$S/var/lib/bocker-vm" "$S/usr/local/lib/bocker-vm" "$S/etc/systemd/system/multi-user.target.wants"
i=1
for script; do printf '%s\n' "$script" >"$S/var/lib/bocker-vm/$i.sh"; i=$((i + 1)); done
# The unit runs the first script not yet done, reports on ttyS1, then reboots (more to run) or powers off.
# (through cat: a learner's terminal is not what is tested here, and colours would get in the way)
cat >"$S/usr/local/lib/bocker-vm/runner" <<'EOF'
#!/bin/bash
exec </dev/null >/dev/ttyS1 2>&1
stty -F /dev/ttyS1 raw -echo 2>/dev/null
d=/var/lib/bocker-vm n=1
while [ -e "$d/$n.done" ]; do n=$((n + 1)); done
start=$(cut -d' ' -f1 /proc/uptime)
cd /opt/bocker-learn && bash "$d/$n.sh" 2>&1 | cat
rc=${PIPESTATUS[0]}
touch "$d/$n.done"
printf '\n@@BOCKER_VM_EXIT=%s START=%s END=%s@@\n' "$rc" "$start" "$(cut -d' ' -f1 /proc/uptime)"
sync
if [ -e "$d/$((n + 1)).sh" ]; then next=reboot; else next=poweroff; fi
# (this root has no D-Bus, so systemctl complains about logind: keep that out of the output)
systemctl --no-block "$next" 2>/dev/console
EOF
chmod 755 "$S/usr/local/lib/bocker-vm/runner"
cat >"$S/etc/systemd/system/bocker-vm.service" <<'EOF'
[Unit]
Description=bocker-learn guest test (test/vm/debian13-guest.sh)
After=multi-user.target

# exec, not oneshot: the boot finishes (as before an ssh login) while the script runs
[Service]
Type=exec
ExecStart=/usr/local/lib/bocker-vm/runner
Environment=HOME=/root
# as sudo (the Vagrant provisioner, a learner) sets it: systemd's own has no /bin, and chroot into a
# busybox image finds its applets only there
Environment=PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

[Install]
WantedBy=multi-user.target
EOF
ln -s ../bocker-vm.service "$S/etc/systemd/system/multi-user.target.wants/bocker-vm.service"
# the registry's arm64 image needs this .deb, and the guest cannot download it
if compgen -G '/var/cache/bocker-learn/debs/*.deb' >/dev/null; then
  mkdir -p "$S/var/cache/bocker-learn/debs"
  cp /var/cache/bocker-learn/debs/*.deb "$S/var/cache/bocker-learn/debs/"
fi

truncate -s 8G "$RUN/disk.img"
mkdir -p "$RUN/upper" "$RUN/work" "$RUN/merged"
unshare -m --propagation private bash -c '
  set -e; run=$1 root=$2 project=$3 m=$1/merged
  mount -t overlay overlay -o "lowerdir=$root,upperdir=$run/upper,workdir=$run/work" "$m"
  cp -a "$run/stage/." "$m/"
  mkdir -p "$m/opt/bocker-learn"
  cp "$project/package.json" "$m/opt/bocker-learn/"
  for d in dist node_modules lessons scripts src; do
    mkdir -p "$m/opt/bocker-learn/$d"
    mount --bind -o ro "$project/$d" "$m/opt/bocker-learn/$d"
  done
  mkfs.ext4 -q -F -d "$m" "$run/disk.img"' _ "$RUN" "$ROOT" "$PROJECT" || die "making the disk failed"
rm -rf "$RUN/upper" "$RUN/work" "$RUN/merged" "$S"
# each boot reads them again, and a rebuild may start once the lock is let go
cp "$VMLINUZ" "$RUN/vmlinuz"; cp "$INITRD" "$RUN/initrd.img"
flock -u 9

# ---- per run: the boots ----
n=1
while :; do
  out=$RUN/out$n.log
  : >"$out"
  t0=$(date +%s.%N)
  timeout -k 5 "$TIMEOUT" qemu-system-x86_64 \
    -accel tcg -cpu max -machine pc -m "$MEM" -smp "$CPUS" \
    -nodefaults -no-user-config -display none -monitor none -nic none -no-reboot \
    -kernel "$RUN/vmlinuz" -initrd "$RUN/initrd.img" -append "root=/dev/vda rw console=ttyS0 panic=-1 tsc=unstable" \
    -serial "file:$RUN/console$n.log" -serial "file:$out" \
    -drive "file=$RUN/disk.img,format=raw,if=virtio,cache=unsafe" \
    </dev/null >"$RUN/qemu.log" 2>&1 &
  QPID=$!
  tail -n +1 -f --pid="$QPID" "$out" | tr -d '\r' | grep -v --line-buffered "^$SENTINEL" || true
  set +e; wait "$QPID"; qrc=$?; set -e
  QPID=
  wall=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN {printf "%.1f", b - a}')
  line=$(tr -d '\r' <"$out" | grep "^$SENTINEL" | tail -n1 || true)
  if [ -z "$line" ]; then
    if [ "$qrc" = 124 ] || [ "$qrc" = 137 ]; then say "boot $n timed out after ${TIMEOUT}s (BOCKER_VM_TIMEOUT)"; rc=124
    else say "boot $n stopped without reporting an exit code (qemu exit $qrc)"; rc=125; fi
    tr -d '\r' <"$RUN/console$n.log" >"$CACHE/failed-boot.log"
    { echo "--- qemu:"; tail -n 20 "$RUN/qemu.log"; echo "--- guest console (last 40 lines; all of it in $CACHE/failed-boot.log):"
      tail -n 40 "$CACHE/failed-boot.log"; } >&2
    exit "$rc"
  fi
  read -r rc start end < <(sed -E 's/^@@BOCKER_VM_EXIT=([0-9]+) START=([0-9.]+) END=([0-9.]+)@@$/\1 \2 \3/' <<<"$line")
  say "boot $n: script $n exited $rc; unit started ${start}s after the kernel, script ran $(awk -v a="$start" -v b="$end" 'BEGIN {printf "%.1f", b - a}')s, qemu ran ${wall}s"
  [ "$rc" = 0 ] || [ -n "${first_failure:-}" ] || first_failure=$rc
  n=$((n + 1))
  [ "$n" -le $# ] || exit "${first_failure:-0}"
done
