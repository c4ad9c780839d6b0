# Sourced once at the start of every lesson shell (bash -i, non-POSIX): quiet prompts, and the
# guards that keep one step's `exit`, `set -e` or `set -u` from ending or changing the lesson.
PS1= PS2= PS0= PS4='+ '; unset PROMPT_COMMAND; set +H +o history
export PAGER=cat SYSTEMD_PAGER= LC_ALL=C.UTF-8
__BL_PID=$$
# In the lesson shell itself, `exit N` ends the step (SIGINT makes interactive bash drop the rest
# of the line) and is reported; in subshells and $(...) it is the real exit.
exit () {
  if [[ $BASHPID == "$__BL_PID" ]]; then __bl_exit=${1-$?}; kill -INT "$__BL_PID"; else builtin exit "$@"; fi
}
__bl_begin () { unset __bl_exit __bl_rc; __bl_ps=(); __bl_opts=$SHELLOPTS; }
# Undo option changes (set -e/-u/-x…) the step made (unless told to keep them: the prelude's), then
# report status, exit, PIPESTATUS, changes.
__bl_finish () {
  trap '' INT # a late Ctrl-C must not lose this line
  local rc=$1 nonce=$2 changed= o IFS=:
  [[ ${3-} == keep ]] && __bl_opts=$SHELLOPTS
  for o in $SHELLOPTS; do [[ :$__bl_opts: == *:$o:* ]] || { changed+=" -o $o"; set +o "$o"; }; done
  for o in $__bl_opts; do [[ :$SHELLOPTS: == *:$o:* ]] || { changed+=" +o $o"; set -o "$o"; }; done
  IFS=' '
  # the step file's last line stored PIPESTATUS and then $? of the step's last command
  if ((${#__bl_ps[@]} > 1)); then rc=${__bl_ps[-1]}; unset '__bl_ps[-1]'; else __bl_ps=("$rc"); fi
  printf '\036%s %s %s %s|%s\n' "$nonce" "$rc" "${__bl_exit:--}" "${__bl_ps[*]}" "$changed"
  trap - INT
}
# The session's variables, functions, arguments and directory, for a child shell (tty steps, "shell here").
__bl_dump_state () {
  local v
  for v in $(compgen -v); do
    [[ $v =~ ^(BASH.*|EUID|PPID|UID|SHELLOPTS|BASHOPTS|SHLVL|PWD|OLDPWD|RANDOM|SRANDOM|SECONDS|LINENO|HIST.*|COMP.*|FUNCNAME|GROUPS|DIRSTACK|PIPESTATUS|_|EPOCH.*|PS[0-4]|__bl.*|__BL_PID|IFS|OPTIND|OPTERR|OPTARG|MACHTYPE|HOSTTYPE|OSTYPE|HOSTNAME|COLUMNS|LINES|MAILCHECK)$ ]] || declare -p "$v"
  done
  declare -f | sed '/^__bl_/,/^}/d; /^exit ()/,/^}/d'
  set +o | grep -E ' (pipefail|noglob)$'; shopt -p nullglob extglob
  printf 'set -- '; printf '%q ' "$@"; printf '\ncd %q\n' "$PWD"
}
