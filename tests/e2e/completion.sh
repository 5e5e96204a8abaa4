# SPDX-License-Identifier: MIT
# completion.sh — shell completion (issue 15): `parley completion bash|zsh` prints scripts that
# load in bash and zsh and complete subcommands, a command's flags (from its own flag table), a
# strategy id, a list of players and a shipped scenario's name; `parley __complete` answers them.
# bash is driven through its completion variables (COMP_WORDS), zsh for real in tmux: Tab typed
# at an interactive zsh, the screen read.
. "$(dirname "$0")/../tap.sh"
export PARLEY_DATA=$PWD # the shipped scenarios, as an install would give them
bindir=$TMP/bin; mkdir -p "$bindir"; ln -s "$PARLEY" "$bindir/parley" # the scripts complete 'parley'

# ---- what __complete answers --------------------------------------------------------------
c() { "$PARLEY" __complete "$@" 2>/dev/null; }
check "subcommands: 'tou' gives tournament" grep -qx tournament <<<"$(c tou)"
check "help COMMAND completes the command" grep -qx sensitivity <<<"$(c help sens)"
check "flags come from the command's table: 'tournament --thr' gives --threads" grep -qx -- --threads <<<"$(c tournament --thr)"
check "... and only that command's: 'match --thr' gives nothing" [ -z "$(c match --thr)" ]
check "--json is offered where the command has it (run --js)" grep -qx -- --json <<<"$(c run x --js)"
check "a strategy id: 'match grudger_al' gives grudger_alternator" grep -qx grudger_alternator <<<"$(c match grudger_al)"
check "a list of players keeps what is typed: '--players tft,grudger_al'" \
  grep -qx tft,grudger_alternator <<<"$(c tournament --players tft,grudger_al)"
check "--players offers all and deterministic" bash -c 'grep -qx all <<<"$1" && grep -qx deterministic <<<"$2"' _ "$(c moran --players a)" "$(c moran --players d)"
check "--players offers short" grep -qx short <<<"$(c tournament --players sh)"
check "--players=PREFIX keeps the flag" grep -qx -- --players=tft <<<"$(c tournament --players=tf)"
check "a shipped scenario's name: 'run korea/six' gives korea/six-party-2007" grep -qx korea/six-party-2007 <<<"$(c run korea/six)"
check "... and files too (:files)" grep -qx :files <<<"$(c fit korea/six)"
check "--out completes directories (:dirs)" grep -qx :dirs <<<"$(c tournament --out '')"
check "a choice flag offers its words (moran --mode: bd, db)" bash -c '[ "$(printf "%s\n" $1)" = "$(printf "bd\ndb")" ]' _ "$(c moran --mode '')"
check "play offers strategies and scenarios, and the scenario flags (--as)" \
  bash -c 'grep -qx tft <<<"$1" && grep -qx korea/six-party-2007 <<<"$2" && grep -qx -- --as <<<"$3"' _ "$(c play tf)" "$(c play korea/si)" "$(c play --a)"
check "--set is offered wherever a scenario's values can be changed (run, fit, design, play; issue 11)" \
  bash -c 'for w in "$@"; do grep -qx -- --set <<<"$w" || exit 1; done' _ "$(c run x --se)" "$(c fit x --se)" "$(c design x --se)" "$(c play korea/six-party-2007 --se)"
check "a value that is a number gets no candidates (tournament --turns)" [ -z "$(c tournament --turns '')" ]

# ---- bash ---------------------------------------------------------------------------------
"$PARLEY" completion bash >"$TMP/parley.bash"
check "parley completion bash: a script that bash -n accepts" bash -n "$TMP/parley.bash"
bcomp() { # WORDS...: the candidates bash's completion function gives for the last word
  PATH="$bindir:$PATH" bash -c '. "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _parley; printf "%s\n" "${COMPREPLY[@]}"' _ "$TMP/parley.bash" "$@"
}
check "bash: the function is registered for parley" bash -c ". '$TMP/parley.bash'; complete -p parley | grep -q _parley"
check "bash: completes a strategy id (parley match grudger_al)" grep -qx grudger_alternator <<<"$(bcomp parley match grudger_al)"
check "bash: completes a flag (parley tournament --thr)" grep -qx -- --threads <<<"$(bcomp parley tournament --thr)"
check "bash: completes a scenario name (parley run korea/six)" grep -qx korea/six-party-2007 <<<"$(bcomp parley run korea/six)"
mkdir -p "$TMP/wd/results-dir"
check "bash: --out completes a directory of the current one" grep -qx results-dir <<<"$(cd "$TMP/wd" && bcomp parley run x --out res)"

# ---- zsh ----------------------------------------------------------------------------------
if ! command -v zsh >/dev/null 2>&1; then
  for k in 1 2 3 4; do ok "# SKIP zsh is missing (make deps-test installs it)"; done
elif ! command -v tmux >/dev/null 2>&1; then
  for k in 1 2 3 4; do ok "# SKIP tmux is missing"; done
else
  mkdir -p "$TMP/zfunc"
  "$PARLEY" completion zsh >"$TMP/zfunc/_parley"
  check "parley completion zsh: a script that zsh -n accepts" zsh -n "$TMP/zfunc/_parley"
  tm() { tmux -S "$TMP/tmux.sock" -f /dev/null "$@"; } # a server of our own, its socket in $TMP
  trap 'tm kill-server 2>/dev/null; rm -rf "$TMP"' EXIT
  screen() { tm capture-pane -p -t zsh; }
  wait_for() { for _ in $(seq 300); do screen 2>/dev/null | grep -qE -- "$1" && return 0; sleep 0.1; done; return 1; }
  # an interactive zsh that reads only our rc file (ZDOTDIR): the completion system, the script
  # from its folder on fpath
  cat >"$TMP/.zshrc" <<ZRC
fpath=("$TMP/zfunc" \$fpath)
autoload -Uz compinit && compinit -u -d "$TMP/zcompdump"
PS1='zsh> '
ZRC
  tm new-session -d -s zsh -x 150 -y 40 "env PATH='$bindir:$PATH' PARLEY_DATA='$PWD' ZDOTDIR='$TMP' zsh -i"
  wait_for 'zsh> ' >/dev/null
  tm send-keys -t zsh 'parley match grudger_al' Tab
  check "zsh: Tab completes a strategy id (parley match grudger_al -> grudger_alternator)" wait_for 'parley match grudger_alternator'
  tm send-keys -t zsh C-u 'parley tournament --thr' Tab
  check "zsh: Tab completes a flag (parley tournament --thr -> --threads)" wait_for 'parley tournament --threads'
  tm send-keys -t zsh C-u 'parley run korea/six-p' Tab
  check "zsh: Tab completes a scenario's name (korea/six-party-2007)" wait_for 'parley run korea/six-party-2007'
fi
