# Sourced by provision.sh: --undo removes what provision made (what its record says it made), and
# deletes the subvolumes only on bocker-learn's own loop btrfs.
undo_lab() {
  check_btrfs_path_is_ours
  if is_our_mount; then
    for sub in $(btrfs subvolume list -o "$BTRFS_PATH" 2>/dev/null | awk '{print $NF}'); do
      btrfs subvolume delete "$BTRFS_PATH/$sub" >/dev/null && changed "deleted subvolume $BTRFS_PATH/$sub"
    done
    umount "$BTRFS_PATH" && changed "unmounted $BTRFS_PATH"
  fi
  for dev in $(loop_devices_of_file); do losetup -d "$dev" && changed "detached $dev"; done
  [ -f "$LOOP_FILE" ] && rm -f "$LOOP_FILE" && changed "removed $LOOP_FILE"
  [ -d "$BTRFS_PATH" ] && rmdir "$BTRFS_PATH" 2>/dev/null && changed "removed $BTRFS_PATH"
  if recorded fstab && grep -qF "$LOOP_FILE $BTRFS_PATH btrfs" /etc/fstab; then
    sed -i "\\|^$LOOP_FILE $BTRFS_PATH btrfs|d" /etc/fstab && changed "removed the $BTRFS_PATH line from /etc/fstab"
  fi
  if recorded unit && [ -f "$UNIT" ]; then
    has_systemd && systemctl disable --quiet "$(basename "$UNIT")" 2>/dev/null || true
    rm -f "$UNIT"; has_systemd && systemctl daemon-reload || true
    changed "removed $UNIT"
  fi
  if recorded nat && iptables -t nat -C POSTROUTING -s "$SUBNET" ! -o "$BRIDGE" -j MASQUERADE 2>/dev/null; then
    iptables -t nat -D POSTROUTING -s "$SUBNET" ! -o "$BRIDGE" -j MASQUERADE && changed "removed the MASQUERADE rule"
  fi
  recorded sysctl && [ -f "$SYSCTL_FILE" ] && rm -f "$SYSCTL_FILE" && changed "removed $SYSCTL_FILE"
  if recorded ip_forward && [ "$(cat /proc/sys/net/ipv4/ip_forward)" = 1 ]; then
    echo 0 >/proc/sys/net/ipv4/ip_forward && changed "net.ipv4.ip_forward=0 (as before)"
  fi
  if recorded bridge && bridge_exists; then
    ip link del dev "$BRIDGE" && changed "deleted $BRIDGE"
  elif bridge_exists; then
    note "kept $BRIDGE: it was there before bocker-learn"
  fi
  if recorded marker && [ -f "$MARKER" ]; then
    rm -f "$MARKER"; rmdir "$(dirname "$MARKER")" 2>/dev/null || true
    changed "removed $MARKER"
  fi
  [ -d "$REG_DIR" ] && rm -rf "$REG_DIR" && changed "removed $REG_DIR"
  if recorded debcache && [ -d "$DEB_CACHE" ]; then
    rm -rf "$DEB_CACHE"; rmdir "$(dirname "$DEB_CACHE")" 2>/dev/null || true
    changed "removed $DEB_CACHE"
  fi
  recorded dfi && [ -f "$DFI_BIN" ] && rm -f "$DFI_BIN" && changed "removed $DFI_BIN"
  if recorded registry-masked && has_systemd; then
    systemctl unmask --quiet "$REG_UNIT" && changed "unmasked $REG_UNIT"
  fi
  rm -f "$RECORD"
  rmdir "$STATE_DIR/runs" "$STATE_DIR" 2>/dev/null || true
  if [ "$changes" = 0 ]; then echo "provision: nothing to undo"; else echo "provision: undo done ($changes changes)"; fi
  exit 0
}
