# apt_deb_src.awk: the deb-src entries (deb822 stanzas) that mirror the machine's own apt sources,
# so scripts/setup.sh can fetch Debian source packages from the same mirror (a local mirror, a
# snapshot, deb.debian.org...) with the same keyring. Reads apt source files given as arguments:
# *.sources in deb822 form, others in one-line form ("deb [signed-by=...] URI suite comps").
# For every enabled entry whose type is TYPE (default "deb") and whose suites include CODENAME,
# prints "Types: deb-src" with the same URIs, Components and Signed-By, and Suites: CODENAME.
# usage: awk -v CODENAME=bookworm [-v TYPE=deb-src] -f apt_deb_src.awk files...
BEGIN { if (TYPE == "") TYPE = "deb" }
# input: files given on the command line; .sources files in deb822, others one-line
function flush() {
  if (is822 && has_type(types) && enabled != "no" && uris != "") {
    n = split(suites, s, /[ \t]+/)
    for (i = 1; i <= n; i++) if (s[i] == CODENAME) emit(uris, comps, signed)
  }
  types = ""; uris = ""; suites = ""; comps = ""; signed = ""; enabled = ""; key = ""
}
function emit(u, c, sb) {
  out = "Types: deb-src\nURIs: " u "\nSuites: " CODENAME "\nComponents: " c
  if (sb != "") out = out "\nSigned-By:" (substr(sb, 1, 1) == "\n" ? "" : " ") sb
  if (!(out in seen)) { seen[out] = 1; if (count++) printf "\n"; print out }
}
FNR == 1 { if (is822) flush(); is822 = (FILENAME ~ /\.sources$/); key = "" }
is822 {
  if ($0 ~ /^[ \t]*#/) next
  if ($0 ~ /^[ \t]*$/) { flush(); next }
  if ($0 ~ /^[ \t]/) { if (key == "signed-by") signed = signed "\n" $0; next }
  k = tolower(substr($0, 1, index($0, ":") - 1)); v = substr($0, index($0, ":") + 1)
  sub(/^[ \t]+/, "", v); sub(/[ \t]+$/, "", v); key = k
  if (k == "types") types = v; else if (k == "uris") uris = v; else if (k == "suites") suites = v
  else if (k == "components") comps = v; else if (k == "signed-by") signed = v; else if (k == "enabled") enabled = tolower(v)
  next
}
{
  line = $0; sub(/#.*/, "", line)
  if (line !~ ("^[ \t]*" TYPE "[ \t]")) next
  sb = ""
  if (match(line, /\[[^]]*\]/)) {
    opts = substr(line, RSTART + 1, RLENGTH - 2); line = substr(line, 1, RSTART - 1) " " substr(line, RSTART + RLENGTH)
    m = split(opts, o, /[ \t]+/)
    for (i = 1; i <= m; i++) if (tolower(o[i]) ~ /^signed-by=/) { sb = substr(o[i], 11); gsub(/,/, " ", sb) }
  }
  n = split(line, f, /[ \t]+/); j = 0
  for (i = 1; i <= n; i++) if (f[i] != "") w[++j] = f[i]
  if (j < 4 || w[3] != CODENAME) next
  c = w[4]; for (i = 5; i <= j; i++) c = c " " w[i]
  emit(w[2], c, sb)
}
END { if (is822) flush() }
function has_type(t,   n, a, i) {
  n = split(t, a, /[ \t]+/)
  for (i = 1; i <= n; i++) if (a[i] == TYPE) return 1
  return 0
}
