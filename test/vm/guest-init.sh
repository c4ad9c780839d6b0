#!/bin/busybox sh
# /init of the initramfs built by run-in-v2-guest.sh (runs inside the guest).
# Mounts the host root (9p, read-only) under a writable overlay whose upper
# layer is the scratch disk /dev/vda, mounts cgroup2 ONLY at /sys/fs/cgroup,
# then switch_root's into it and runs /bocker-vm/cmd with cwd /bocker-vm/cwd.
# Command output goes to ttyS1, followed by "@@BOCKER_VM_EXIT=<rc>@@".
/bin/busybox mount -t proc proc /proc
/bin/busybox --install -s /bin
export PATH=/bin
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
exec </dev/null >/dev/ttyS0 2>&1
OUT=/dev/ttyS1
stty -F $OUT raw -echo 2>/dev/null
[ "$(cat /bocker-vm/debug)" = 1 ] && set -x

fail() {
  echo "bocker-vm: FATAL: $*"
  printf 'run-in-v2-guest: guest setup failed: %s\n@@BOCKER_VM_EXIT=125@@\n' "$*" >$OUT
  sync; reboot -f; sleep 5; echo b >/proc/sysrq-trigger
}

for ko in $(cat /modules/order); do insmod "/modules/$ko" || fail "insmod $ko"; done
i=0; while [ ! -b /dev/vda ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i+1)); done

mount -t 9p -o trans=virtio,version=9p2000.L,msize=512000,cache=loose,ro hostroot /host ||
  fail "mount 9p host root"
mount -t ext4 /dev/vda /scratch || fail "mount scratch disk /dev/vda"
U=/scratch/upper
mkdir -p $U /scratch/work
# Whiteouts hide host-only state (and the sandbox tooling mount) in the guest.
for p in $(cat /bocker-vm/hide) /mnt/sandboxing; do
  case $p in /?*) ;; *) continue ;; esac
  if [ -e "/host$p" ] || [ -L "/host$p" ]; then
    mkdir -p "$U$(dirname "$p")" && mknod "$U$p" c 0 0 || fail "whiteout $p"
  fi
done
R=/newroot
mount -t overlay overlay -o lowerdir=/host,upperdir=$U,workdir=/scratch/work $R ||
  fail "mount overlay"

mount -t proc proc $R/proc || fail "mount proc"
mount -t sysfs sysfs $R/sys || fail "mount sysfs"
mount -t cgroup2 -o nosuid,nodev,noexec,nsdelegate,memory_recursiveprot cgroup2 $R/sys/fs/cgroup || fail "mount cgroup2"
mount -t devtmpfs devtmpfs $R/dev || fail "mount devtmpfs"
mkdir -p $R/dev/pts $R/dev/shm
# what udev/systemd would add: bash process substitution needs /dev/fd
ln -sfn /proc/self/fd $R/dev/fd
ln -sfn /proc/self/fd/0 $R/dev/stdin
ln -sfn /proc/self/fd/1 $R/dev/stdout
ln -sfn /proc/self/fd/2 $R/dev/stderr
mount -t devpts -o gid=5,mode=620,ptmxmode=666 devpts $R/dev/pts
mount -t tmpfs -o mode=1777,nosuid,nodev tmpfs $R/dev/shm
mount -t tmpfs -o mode=755,nosuid,nodev tmpfs $R/run || fail "mount /run"

MODDIR=$(cat /bocker-vm/moddir)
KVER=$(uname -r)
mkdir -p "$R/lib/modules/$KVER" &&
  mount --bind "/host$MODDIR" "$R/lib/modules/$KVER" || fail "bind kernel modules"
# preload what the bocker lesson needs (autoloading works too, see stage2 env)
chroot $R /sbin/modprobe -a btrfs loop veth bridge || echo "bocker-vm: modprobe failed"
hostname bocker-v2-guest
ip link set lo up

mkdir -p $R/run/bocker-vm
cp /bin/busybox /bocker-vm/cmd /bocker-vm/cwd $R/run/bocker-vm/
cat >$R/run/bocker-vm/stage2 <<'EOF'
B=/run/bocker-vm/busybox
D=/run/bocker-vm
OUT=/dev/ttyS1
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
export HOME=/root TERM=dumb LANG=C.UTF-8 USER=root LOGNAME=root SHELL=/bin/bash
export BOCKER_VM_GUEST=1
cd "$($B cat $D/cwd)" || { printf 'run-in-v2-guest: error: cwd %s does not exist in the guest\n@@BOCKER_VM_EXIT=125@@\n' "$($B cat $D/cwd)" >$OUT; $B sync; $B reboot -f; }
$B mkfifo $D/pipe
$B cat $D/pipe >$OUT &
catpid=$!
/bin/bash -c "$($B cat $D/cmd)" </dev/null >$D/pipe 2>&1
rc=$?
# wait for the output to drain; background leftovers holding the pipe get killed
i=0; while $B kill -0 $catpid 2>/dev/null && [ $i -lt 20 ]; do $B sleep 0.1; i=$((i+1)); done
$B kill -TERM -1 2>/dev/null; $B sleep 0.2; $B kill -KILL -1 2>/dev/null
printf '\n@@BOCKER_VM_EXIT=%s@@\n' "$rc" >$OUT
$B sync
$B reboot -f
$B sleep 5
echo b >/proc/sysrq-trigger
EOF
exec switch_root $R /run/bocker-vm/busybox sh /run/bocker-vm/stage2
fail "switch_root"
