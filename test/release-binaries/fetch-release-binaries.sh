#!/usr/bin/env bash
# Fetch a pinned, checksummed set of real Go linux/amd64 release binaries
# (Debian packages and npm packages) for GoBootCheck's ground-truth tests.
#
# Output (outside the clone):
#   ${GOBOOTCHECK_CACHE:-$HOME/.cache/gobootcheck}/release/<name>-<version>/<binary>
#   ${GOBOOTCHECK_CACHE:-$HOME/.cache/gobootcheck}/release/manifest.tsv
#
# Usage: fetch-release-binaries.sh [--verify] [--recheck] [--keep-archives] [--only REGEX] [--list]
#   --verify         re-hash every binary already present (default: trust the size+mtime stamp)
#   --recheck        re-derive Go version / pclntab / ELF facts with goelfinfo.py (python3)
#                    and compare them with the pinned metadata
#   --keep-archives  keep downloaded .deb/.tgz files in release/.work/archives
#   --only REGEX     only handle entries whose "name version" matches REGEX (grep -E)
#   --list           print the pinned table and exit
#
# Sources: Debian (apt-get download with a private apt config; /etc/apt is never touched)
# and npm (npm pack, install scripts never run). Every archive and every extracted binary
# is checked against a pinned sha256; a mismatch is fatal. A pinned version that the
# mirror no longer serves is fatal too, with a message saying so.
#
# Environment:
#   GOBOOTCHECK_CACHE            cache root (default $HOME/.cache/gobootcheck)
#   GOBOOTCHECK_DEBIAN_MIRROR    default: the Debian archive URI /etc/apt already uses
#   GOBOOTCHECK_DEBIAN_KEYRING   default /usr/share/keyrings/debian-archive-keyring.gpg
set -euo pipefail

SELF_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
CACHE=${GOBOOTCHECK_CACHE:-$HOME/.cache/gobootcheck}
OUT=$CACHE/release
WORK=$OUT/.work
MIRROR=${GOBOOTCHECK_DEBIAN_MIRROR:-$(bash "$SELF_DIR/../fixtures/system-debian-mirror.sh")}
KEYRING=${GOBOOTCHECK_DEBIAN_KEYRING:-/usr/share/keyrings/debian-archive-keyring.gpg}

# Pinned set. One binary per line, whitespace-separated (no field contains spaces):
#  1 name            npm package or Debian binary package
#  2 version         exact version
#  3 source          npm | deb:<suite>
#  4 archive_sha256  sha256 of the .tgz / .deb
#  5 inner_path      path of the binary inside the archive
#  6 binary_sha256   sha256 of the extracted binary
#  7 size_bytes
#  8 goversion       runtime.buildVersion
#  9 goversion_from  buildinfo (.go.buildinfo) | symtab (runtime.buildVersion via .symtab) |
#                    rodata (only go1.x string in the file; no buildinfo, no symtab)
# 10 pclntab_layout  go1.2 (0xfffffffb) | go1.16 (0xfffffffa) | go1.18 (0xfffffff0) | go1.20 (0xfffffff1)
# 11 pclntab_magic
# 12 buildinfo       none (< go1.13 or removed) | pointer (go1.13-1.17) | inline (go1.18+)
# 13 stripped        yes = no .symtab
# 14 elf_type        EXEC | DYN
# 15 dynamic         yes = has PT_INTERP
# 16 kind            static-exe | dynamic-exe | pie | c-shared
# 17 cgo             CGO_ENABLED from build info (- = not recorded)
# 18 nfunc           function count from the pclntab header
# 19 pclntab_where   section holding the pclntab; none:<section>+<off> = no section of its own
PINNED=$(cat <<'PINS'
@bazel/ibazel       0.0.1                           npm                    d342080052ea6501d45c6d27930a30161ddc7ef2a4529c325f01fabca5d0c41e package/bin/linux_amd64/ibazel                 64af1a6001f538b568b8bc31ecf38d53ad5b4f6b6ad1d43e9b091afecde68f2f 2285727 go1.7.3 symtab go1.2 0xfffffffb none no EXEC no static-exe - 2068 .gopclntab
@bazel/ibazel       0.4.0                           npm                    f5674ec8ac56a32bf238ebdc5a71e3d873863379c970ff4165831cb430a9a9ef package/bin/linux_amd64/ibazel                 20b9bf3c487baf4c1ccbb646b13ae5915ad25b81ea31edb132fc7458c9b82e16 5649545 go1.9.2 symtab go1.2 0xfffffffb none no EXEC no static-exe - 6060 .gopclntab
@bazel/ibazel       0.6.0                           npm                    3ad4d484f4fb118160a2b306708f322a1f41e41d347c6b08bca8739ac7bcf6b7 package/bin/linux_amd64/ibazel                 bc5809c200cf0bba0c599c67e8cc4e158e029468a7d24f5e1c314e80d6873ffc 8268219 go1.11 symtab go1.2 0xfffffffb none no EXEC no static-exe - 8461 .gopclntab
esbuild-linux-64    0.0.2                           npm                    0e05d5a96beb48b7f5f9a9a5455fa70f98a2d3ffbbae75542ab6d2bfde49d396 package/bin/esbuild                            0f9fa8b6ac2182101280a1746f5f4056cba6deafd37f92f4e09fa34c09d7cd64 3688467 go1.12.9 symtab go1.2 0xfffffffb none no EXEC no static-exe - 2769 .gopclntab
@arkweid/lefthook   0.6.3                           npm                    fec30d1b55f86d8b14d43957aff37a1d3305e2392c368edf531d787c734a8e91 package/bin/lefthook-linux                     d82a4e6474e1f1e0930fa7f75eb8fc1988145b9626360b31532d3a1ead93f694 9321120 go1.12.6 rodata go1.2 0xfffffffb none yes EXEC no static-exe - 9383 .gopclntab
esbuild-linux-64    0.1.0                           npm                    77413e02023d2e99957c4f8aabda1b1bc944c88c5fc7a712f0b0a73709f5d36f package/bin/esbuild                            cfcf5209432e7736e616b7467f1d4b25b6c3eff64eb84a1afb4040f74c488289 3933270 go1.13.8 buildinfo go1.2 0xfffffffb pointer no EXEC no static-exe - 2918 .gopclntab
esbuild-linux-64    0.5.0                           npm                    728cd812b52de1a74a09f3d97b6d103f63514b81c3803ea2d81c584a634e713e package/bin/esbuild                            dd455186b791d928ed51c905760b6a61238148649553e7bbdf5036c8c96c8e31 8826381 go1.14.2 buildinfo go1.2 0xfffffffb pointer no EXEC no static-exe - 5500 .gopclntab
esbuild-linux-64    0.8.30                          npm                    b965588c00d957ff7c00aa5dca0004f5cdd72f701bf6e670f5fde7c5cc4b27eb package/bin/esbuild                            135b404f265346c8b206c98bcc2ed916db8a9a89d60ef7e95438b14876b277ad 7249920 go1.15.5 buildinfo go1.2 0xfffffffb pointer yes EXEC no static-exe - 6108 .gopclntab
esbuild-linux-64    0.9.0                           npm                    caf73e35bb4f1e98c63eee2a6d193e798dcdf23d49ccb595363d479f42b53241 package/bin/esbuild                            f9831f10633d1d2299e895b6469999e286e37934204eee80b3a8b2ddd9ba3b26 7475200 go1.16 buildinfo go1.16 0xfffffffa pointer yes EXEC no static-exe - 5654 .gopclntab
esbuild-linux-64    0.13.0                          npm                    dddfea1b62ef32227465234322e4afbe41890a8cc9c7cf0ee6c3c8ecb428724b package/bin/esbuild                            d22b7f0ca726e7469123d81088536a3ab4a6212f7917b9842568b006fa711707 7589888 go1.17.1 buildinfo go1.16 0xfffffffa pointer yes EXEC no static-exe - 6002 .gopclntab
esbuild-linux-64    0.14.30                         npm                    2481a4ec7e8ed54ff98430c2a48f2ae4af2ad616414322e464d8f0b4e9582917 package/bin/esbuild                            2636b47b8e2af4da6eafc3747bde2693705e916d2da7b928160067791a83b029 8056832 go1.18 buildinfo go1.18 0xfffffff0 inline yes EXEC no static-exe 0 6080 .gopclntab
@esbuild/linux-x64  0.18.0                          npm                    b958736ce31c02c35ef22fcccd7f59c0165564b8ceb73b2672343a2191cf5e0d package/bin/esbuild                            c19d3b4218362857649178d4fc595a645814010d45130d8faeea8089587c3472 9105408 go1.20.5 buildinfo go1.20 0xfffffff1 inline yes EXEC no static-exe 0 6845 .gopclntab
lefthook-linux-x64  1.5.0                           npm                    19f89e9803271c8f382976a9a838a52390994f2edb8fcaa59299eb61cd20ccba package/bin/lefthook                           bcf7ccaebdee024003705a989131af9fc31bc0cb60828465dd09d16e6430f53c 6729728 go1.21.1 buildinfo go1.20 0xfffffff1 inline yes EXEC no static-exe 0 7816 .gopclntab
lefthook-linux-x64  2.0.0                           npm                    546318372f4101c16c1effa62a2bd36855893dfaac72e2f3f6c89b440b7c2da9 package/bin/lefthook                           83f047a91bbde650da6c0b1aca5582078939be3f23ffcf6909f01a63792ad536 14651576 go1.25.3 buildinfo go1.20 0xfffffff1 inline yes EXEC no static-exe 0 15052 .gopclntab
@esbuild/linux-x64  0.27.0                          npm                    b400ff0437cfe819bbc0f1aee1d265940e3ecebbcb29da7c47466c799dc9696b package/bin/esbuild                            e4d41ef34045d7d1751c375cd4a90d07d929832f838830dc5212689a6567ee58 11083960 go1.25.4 rodata go1.20 0xfffffff1 none yes EXEC no static-exe - 8633 .gopclntab
lefthook-linux-x64  2.1.10                          npm                    68fa9d866f834279b15895c401ebfbb6b3c97fd34c4b67c43e8c0e40b7bed141 package/bin/lefthook                           ad0616b310b35aa62dbe2feedd18239862dfd26c76b94e88e741c0adbd6247d6 13627554 go1.26.4 buildinfo go1.20 0xfffffff1 inline yes EXEC no static-exe 0 14432 .gopclntab
lefthook-linux-x64  2.2.2                           npm                    8af2a644313118781cccf6d6a0e5c858086f11fbcc9df8daf3464ac9d0509c80 package/bin/lefthook                           7771d6243018b445bb83dd3c9b12dffd92a6067a3958f21d984bb389d8dbbc58 13803680 go1.27.0 buildinfo go1.20 0xfffffff1 inline yes EXEC no static-exe 0 14471 .gopclntab
@bufbuild/buf-linux-x64 1.75.0                    npm                    98b19d4b2b46130e083157490c54dfdcb8ea771e53204d3c6a06a2b12edd0503 package/bin/buf                                fad1e38d6909bbb583a4da81d8c02a01046e2cd663bde7e337dd24277393764b 46764192 go1.27.3 buildinfo go1.20 0xfffffff1 inline yes EXEC no static-exe 0 58519 .gopclntab
fzf                 0.24.3-1+b6                     deb:bullseye           15912ab0d9d2963c116573a5b438395f3153d4a1682b0ff7b47cc764c0cf578c usr/bin/fzf                                    d05ee3f5749dcb683d19146db1181c88e7db3790bac6a50ba9499e490f86193b 2576088 go1.15.9 buildinfo go1.2 0xfffffffb pointer yes EXEC no static-exe - 2787 .gopclntab
gosu                1.12-1+b6                       deb:bullseye           bfd69238f1e558f38b56f6c49f655a67921f2d651eccc5a5016bffb33a4be42f usr/sbin/gosu                                  8c38e361499aa557c0d83ca3d8994e7a5ba4725e661119437627bc0143a685d7 2316248 go1.15.9 buildinfo go1.2 0xfffffffb pointer yes EXEC yes dynamic-exe - 2943 .gopclntab
libsecsipid1        1.1.1~git20210601.d388d64-1+b2  deb:bullseye           c960a90a872e30fd03047544fe565f0c9e1ecc961c847969091c505eebb68f38 usr/lib/x86_64-linux-gnu/libsecsipid.so.1.0.0  0eab3622dc483bad2b5d9f7761794ad3eda4e5a2293ce28e5895a024e5843a21 6105032 go1.15.9 buildinfo go1.2 0xfffffffb pointer yes DYN no c-shared - 5061 none:.data.rel.ro+0x87580
snapd               2.49-1+deb11u2                  deb:bullseye           865bd8590d286fc62a17803c86816f448af44b42aeb6791f4384c12b42b96b18 usr/lib/snapd/snap-seccomp                     832e776d8fcb122ba6262c31d1effef27277e50748264b74bbfec0dba49ee735 2940096 go1.15.15 buildinfo go1.2 0xfffffffb pointer yes DYN yes pie - 2724 none:.data.rel.ro+0x41220
snapd               2.49-1+deb11u2                  deb:bullseye           865bd8590d286fc62a17803c86816f448af44b42aeb6791f4384c12b42b96b18 usr/bin/snap                                   f3250d2e09a3701dd632218802973cddf62c66063e02398ba1862a57e9573e5c 17811480 go1.15.15 buildinfo go1.2 0xfffffffb pointer yes DYN yes pie - 15145 .data.rel.ro.gopclntab
packer              1.6.6+ds1-2+b3                  deb:bullseye           ccef089330d55aba11920054902148fe31f8a2dd6fdc9a6daa8d57d95a5c0b43 usr/bin/packer                                 a556b28b3e21f190695c98d2a7acf97ca692d03ea8bf5db457aa625b4f9fae7d 106584024 go1.15.9 buildinfo go1.2 0xfffffffb pointer yes EXEC yes dynamic-exe - 155799 .gopclntab
fzf                 0.38.0-1+b1                     deb:bookworm           5dddf8e2bd85956dc037711fbc9ee081cac81254cf706895c625cf9393140005 usr/bin/fzf                                    7fc49c16d1cab1d5c54594d0c91c5e3ad55cc78689706fdef36d9206eb00b6c7 3274176 go1.19.8 buildinfo go1.18 0xfffffff0 inline yes EXEC yes dynamic-exe 1 3068 .gopclntab
gosop               0.0~git20221115.92fc880-1+b6    deb:bookworm           bd651df5868bcec836e04069f8362e147e325dcf468e28a800fe381ebe3363e4 usr/bin/gosop                                  d562e14d079666629694541ab2b3ea37bd469d8b3444878a8bf76872be82e844 7881016 go1.19.8 buildinfo go1.18 0xfffffff0 inline yes DYN yes pie 1 6934 none:.data.rel.ro+0xa3d00
libpam-fscrypt      0.3.3-1+b6                      deb:bookworm           8cb2bac8143228ff7f9b0ee0ca93f416575dae5c235ec8181d4e2175c8819642 lib/x86_64-linux-gnu/security/pam_fscrypt.so   e199aa63436a727b3a67b8a36d45843367fb9da69535f1812f90cd7efad3d446 4056216 go1.19.8 buildinfo go1.18 0xfffffff0 inline yes DYN no c-shared 1 4690 none:.data.rel.ro+0x545a0
aws-nuke            2.16.0-1+b7                     deb:bookworm           10b8c52e2e2df9bfc79fb658aea0edc3381e4ef2e3bec9c45c46a3514c83cd2a usr/bin/aws-nuke                               98e726d2b9d1a9e363fe2d9aa0ed739a7a128ebd9cce11d7d4582dbde425895c 131486136 go1.19.8 buildinfo go1.18 0xfffffff0 inline yes EXEC yes dynamic-exe 1 223473 .gopclntab
wireguard-go        0.0.20231211-1~bpo12+1          deb:bookworm-backports 8aa051985912bbc5499e4abe66389395656cf2daec02271a1ca654a277a82d33 usr/bin/wireguard-go                           371ffa23d41041d0ce7cc2551128484076a745eb462502ced0c5f8a1290aab29 2778104 go1.22.1 buildinfo go1.20 0xfffffff1 inline yes EXEC yes dynamic-exe 1 3442 .gopclntab
go-sendxmpp         0.14.1-1~bpo12+1                deb:bookworm-backports f984921bffddd039a256cb173adfc68d1ad801b2a7f129dae2dc4178d474ec3a usr/bin/go-sendxmpp                            c5e3c7760506a3e5c8a7ab95e63f4ffcbbd405c3bd28e24069608035bd2eb2e9 8871832 go1.22.11 buildinfo go1.20 0xfffffff1 inline yes DYN yes pie 1 7726 .data.rel.ro.gopclntab
jose-util           4.0.5-1~bpo12+1                 deb:bookworm-backports a94a99370471c1cf1761ec3e619190b9e7cca42162d006ecf2ed6f8df51190ac usr/bin/jose-util                              9a032c91438e1c810927c02494eeca00df2810b77d44a4aab4c57939ae7c0a4b 3556856 go1.23.5 buildinfo go1.20 0xfffffff1 inline yes EXEC yes dynamic-exe 1 3699 .gopclntab
gosu                1.17-3+b4                       deb:trixie             ee9987ffdc7b3aab0bb57aabf9c1f1586eb7dc704a68792f245071c30de8411f usr/sbin/gosu                                  14a0d13ec9b3fd06e1405200b73ee80dcca0de2aa480a80fe06565d6c3c48a03 2948645 go1.24.4 buildinfo go1.20 0xfffffff1 inline no EXEC no static-exe 1 3800 .gopclntab
go-sendxmpp         0.14.1-3+b2                     deb:trixie             7b73e1fcc66c44fa668d8827c79308cf936540b8d6fdb10d235add6306eb692b usr/bin/go-sendxmpp                            c6309ee4856b29fd40a4de8d88c94d3789900283a77adde6a9a158009f88b122 10100024 go1.24.4 buildinfo go1.20 0xfffffff1 inline yes DYN yes pie 1 8623 none:.data.rel.ro+0xe9060
libgovarnam1        1.9.0-2+b9                      deb:trixie             871d5528064c18af1286df88a46aaa3955379afd9bdb80bd3c88b5676f455472 usr/lib/x86_64-linux-gnu/libgovarnam.so.1.9.0  ce3085cea24dc9e8dcf06848077c229fcc45c1fea60443e35b2761d75556859e 3368208 go1.24.4 buildinfo go1.20 0xfffffff1 inline yes DYN no c-shared 1 3485 none:.data.rel.ro+0x46ac0
shfmt               3.8.0-1+b8                      deb:trixie             7f5ba49c0bb38584cb8d2b6571306189ddbfd56e3371e5b877001f3e5b02501f usr/bin/shfmt                                  d36a64424d379a28ef1d47be26f7ff081bfbc4a9e25a3262db5883e97d3055ad 2894776 go1.24.4 buildinfo go1.20 0xfffffff1 inline yes EXEC no static-exe 1 3168 .gopclntab
incus-client        7.0.2-3~bpo13+1                 deb:trixie-backports   7a8fb2eaa89eff2c2334e12a230dbb008a2121d44154ccfa5445cd2be65f61fe usr/bin/incus                                  d1eeb1a2fe3109061d257e23ab28ee236192fbc845c8235ffd266da42e045a22 24890800 go1.27.3 buildinfo go1.20 0xfffffff1 inline yes EXEC yes dynamic-exe 1 25125 .gopclntab
aws-nuke            2.16.0-1+b19                    deb:trixie             ecbf98497c5d6d94bc2cd7802dd74f9ef71c89dae8e051b918b0db8294e70c71 usr/bin/aws-nuke                               b701ec75a6887bc528ff926b3344ce27c12f1a9a213c2f814f17debfd5c83f85 141862896 go1.24.4 buildinfo go1.20 0xfffffff1 inline yes EXEC yes dynamic-exe 1 250975 .gopclntab
PINS
)

die() { echo "FATAL: $*" >&2; exit 1; }
log() { echo "$*" >&2; }

VERIFY=0 RECHECK=0 KEEP=0 ONLY= LIST=0
while [ $# -gt 0 ]; do
  case $1 in
    --verify) VERIFY=1 ;;
    --recheck) RECHECK=1 ;;
    --keep-archives) KEEP=1 ;;
    --only) ONLY=${2:?--only needs a regex}; shift ;;
    --list) LIST=1 ;;
    -h|--help) sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option $1 (see --help)" ;;
  esac
  shift
done
if [ "$LIST" = 1 ]; then echo "$PINNED"; exit 0; fi

mkdir -p "$OUT"
if command -v flock >/dev/null 2>&1; then
  exec 9>"$OUT/.lock"
  flock 9
fi

sha256() { sha256sum "$1" | cut -d' ' -f1; }
dirname_of() { local n=${1#@}; echo "${n//\//-}-$2"; }   # @bazel/ibazel 0.0.1 -> bazel-ibazel-0.0.1

# ---------------------------------------------------------------- downloads
APT_READY=0
APT_OPTS=()
apt_setup() {
  [ "$APT_READY" = 1 ] && return 0
  command -v apt-get >/dev/null || die "apt-get is needed to fetch the Debian packages"
  [ -r "$KEYRING" ] || die "Debian archive keyring $KEYRING not found (apt-get install debian-archive-keyring, or set GOBOOTCHECK_DEBIAN_KEYRING)"
  local d=$WORK/apt suite
  mkdir -p "$d/lists/partial" "$d/cache/archives/partial"
  : > "$d/sources.list.new"
  for suite in $(echo "$PINNED" | awk '$3 ~ /^deb:/ {sub(/^deb:/, "", $3); print $3}' | sort -u); do
    echo "deb [arch=amd64 target=Packages signed-by=$KEYRING] $MIRROR $suite main" >> "$d/sources.list.new"
  done
  mv "$d/sources.list.new" "$d/sources.list"
  APT_OPTS=(-o "Dir::Etc::SourceList=$d/sources.list" -o Dir::Etc::SourceParts=/dev/null
            -o "Dir::State::Lists=$d/lists" -o "Dir::Cache=$d/cache"
            -o Dir::State::status=/dev/null -o Dir::Etc::Preferences=/dev/null
            -o Dir::Etc::PreferencesParts=/dev/null -o APT::Architecture=amd64
            -o APT::Architectures::=amd64)
  [ "$(id -u)" = 0 ] && APT_OPTS+=(-o APT::Sandbox::User=root)
  log "apt-get update (private lists in $d)"
  if ! apt-get "${APT_OPTS[@]}" update < /dev/null > "$d/update.log" 2>&1; then
    cat "$d/update.log" >&2
    die "apt-get update against $MIRROR failed (suites: $(awk '{print $4}' "$d/sources.list" | tr '\n' ' '))"
  fi
  APT_READY=1
}

archive_path() { echo "$WORK/archives/$(dirname_of "$1" "$2").${3%%:*}"; }   # name version source

# accept_archive downloaded_file name version source pinned_sha: verify and move into place
accept_archive() {
  local f got
  f=$(archive_path "$2" "$3" "$4")
  [ -f "$1" ] || die "no archive was downloaded for $2 $3 ($4)"
  got=$(sha256 "$1")
  if [ "$got" != "$5" ]; then
    mv "$1" "$f.bad"
    die "sha256 mismatch for $2 $3 ($4): got $got, pinned $5 (kept as $f.bad)"
  fi
  mv "$1" "$f"
}

fetch_npm() {   # name version pinned_sha
  local tmp
  command -v npm >/dev/null || die "npm is needed to fetch $1@$2"
  tmp=$(mktemp -d "$WORK/archives/dl.XXXXXX")
  log "npm pack $1@$2"
  if ! (cd "$tmp" && npm pack --ignore-scripts --silent "$1@$2" < /dev/null > pack.log 2>&1); then
    cat "$tmp/pack.log" >&2
    rm -rf "$tmp"
    die "npm pack $1@$2 failed: the pinned version is not downloadable from the npm registry (unpublished?). Pick another version and update its pin (archive and binary sha256) in $0"
  fi
  set -- "$tmp"/*.tgz "$@"
  accept_archive "$1" "$2" "$3" npm "$4"
  rm -rf "$tmp"
}

fetch_debs() {   # "name version source pinned_sha"... : one apt-get download for all of them
  local tmp line name version source want specs=()
  apt_setup
  tmp=$(mktemp -d "$WORK/archives/dl.XXXXXX")
  for line in "$@"; do
    read -r name version source want <<< "$line"
    specs+=("$name=$version")
  done
  log "apt-get download ${specs[*]}"
  if ! (cd "$tmp" && apt-get "${APT_OPTS[@]}" download "${specs[@]}" < /dev/null > dl.log 2>&1); then
    cat "$tmp/dl.log" >&2
    local gone
    gone=$(grep -o "Version '[^']*' for '[^']*' was not found" "$tmp/dl.log" | tr '\n' ';' || true)
    rm -rf "$tmp"
    die "apt-get download failed. ${gone:+No longer downloadable: $gone }A pinned version that the Debian suite at $MIRROR moved on from cannot be fetched any more: look up the current one (apt-cache policy NAME with the private config in $WORK/apt), check that it still covers the same case, and update its version, archive sha256 and binary sha256 in $0"
  fi
  for line in "$@"; do
    read -r name version source want <<< "$line"
    accept_archive "$tmp/${name}_${version//:/%3a}_amd64.deb" "$name" "$version" "$source" "$want"
  done
  rm -rf "$tmp"
}

# extract_member archive source inner_path dest
extract_member() {
  local a=$1 source=$2 inner=$3 dest=$4 member
  case $source in
    npm) tar -xzO -f "$a" "$inner" > "$dest" ;;
    deb:*)
      if command -v dpkg-deb >/dev/null; then
        dpkg-deb --fsys-tarfile "$a" | tar -xO -f - "./$inner" > "$dest"
      else
        member=$(ar t "$a" | grep '^data\.tar')
        case $member in
          *.xz) ar p "$a" "$member" | xz -dc ;;
          *.zst) ar p "$a" "$member" | zstd -dc ;;
          *.gz) ar p "$a" "$member" | gzip -dc ;;
          *) ar p "$a" "$member" ;;
        esac | tar -xO -f - "./$inner" > "$dest"
      fi ;;
  esac
}

# ---------------------------------------------------------------- main
# Pass 1: which binaries are missing (fast path: stamp = "sha256 size mtime" of the binary).
FETCHED=0 PRESENT=0 TODO=()
while read -r name version source asha inner bsha size rest; do
  [ -n "$name" ] || continue
  if [ -n "$ONLY" ] && ! echo "$name $version" | grep -Eq -- "$ONLY"; then continue; fi
  d=$OUT/$(dirname_of "$name" "$version")
  bin=$d/${inner##*/}
  stamp=$d/.${inner##*/}.stamp
  if [ -f "$bin" ] && [ -f "$stamp" ] && [ "$VERIFY" = 0 ] &&
     [ "$(< "$stamp")" = "$bsha $(stat -c '%s %Y' "$bin")" ]; then
    PRESENT=$((PRESENT + 1)); continue
  fi
  if [ -f "$bin" ]; then
    if [ "$(sha256 "$bin")" = "$bsha" ]; then
      echo "$bsha $(stat -c '%s %Y' "$bin")" > "$stamp"
      PRESENT=$((PRESENT + 1)); continue
    fi
    log "WARNING: $bin does not match its pinned sha256; fetching it again"
    rm -f "$bin" "$stamp"
  fi
  TODO+=("$name $version $source $asha $inner $bsha $size")
done <<< "$PINNED"

if [ ${#TODO[@]} -gt 0 ]; then
  # Pass 2: download each needed archive once (npm one by one, Debian in one apt-get call).
  mkdir -p "$WORK/archives"
  declare -A SEEN=()
  DEBS=()
  for line in "${TODO[@]}"; do
    read -r name version source asha inner bsha size <<< "$line"
    [ -z "${SEEN["$name $version $source"]+x}" ] || continue
    SEEN["$name $version $source"]=1
    a=$(archive_path "$name" "$version" "$source")
    if [ -f "$a" ] && [ "$(sha256 "$a")" = "$asha" ]; then continue; fi
    case $source in
      npm) fetch_npm "$name" "$version" "$asha" ;;
      deb:*) DEBS+=("$name $version $source $asha") ;;
      *) die "unknown source $source for $name" ;;
    esac
  done
  [ ${#DEBS[@]} -eq 0 ] || fetch_debs "${DEBS[@]}"

  # Pass 3: extract, verify, install.
  for line in "${TODO[@]}"; do
    read -r name version source asha inner bsha size <<< "$line"
    a=$(archive_path "$name" "$version" "$source")
    d=$OUT/$(dirname_of "$name" "$version")
    bin=$d/${inner##*/}
    mkdir -p "$d"
    tmp=$(mktemp "$d/.extract.XXXXXX")
    extract_member "$a" "$source" "$inner" "$tmp" || { rm -f "$tmp"; die "could not extract $inner from $a"; }
    got=$(sha256 "$tmp")
    if [ "$got" != "$bsha" ]; then
      mv "$tmp" "$bin.bad"
      die "sha256 mismatch for $inner from $name $version: got $got, pinned $bsha (kept as $bin.bad)"
    fi
    [ "$(stat -c %s "$tmp")" = "$size" ] || die "size mismatch for $bin (pinned $size)"
    chmod 0755 "$tmp"
    mv "$tmp" "$bin"
    echo "$bsha $(stat -c '%s %Y' "$bin")" > "$d/.${inner##*/}.stamp"
    FETCHED=$((FETCHED + 1))
    log "ok  $bin"
  done

  if [ "$KEEP" = 0 ]; then
    rm -rf "$WORK/archives"
  fi
fi

# ---------------------------------------------------------------- manifest
# The ten columns asked for first, then extra facts. path is relative to the manifest's folder.
# Lists every pinned binary that is present and stamped with its pinned sha256 (so a run with
# --only keeps the rows of binaries fetched earlier).
manifest_new=$(mktemp "$OUT/.manifest.XXXXXX")
{
  printf 'name\tversion\tsource\tpath\tgoversion\tpclntab_layout\tstripped\telf_type\tdynamic\tsize_bytes'
  printf '\tkind\tcgo\tnfunc\tpclntab_magic\tpclntab_where\tbuildinfo\tgoversion_from\tsha256\n'
  while read -r name version source asha inner bsha size gover gofrom layout magic bi stripped etype dyn kind cgo nfunc where; do
    [ -n "$name" ] || continue
    rel=$(dirname_of "$name" "$version")/${inner##*/}
    stamp=$OUT/${rel%/*}/.${inner##*/}.stamp
    [ -f "$OUT/$rel" ] && [ -f "$stamp" ] || continue
    read -r ssha _ < "$stamp"
    [ "$ssha" = "$bsha" ] || continue
    printf '%s\t' "$name" "$version" "$source" "$rel" "$gover" "$layout" "$stripped" "$etype" "$dyn" "$size" \
      "$kind" "$cgo" "$nfunc" "$magic" "$where" "$bi" "$gofrom"
    printf '%s\n' "$bsha"
  done <<< "$PINNED"
} > "$manifest_new"
chmod 0644 "$manifest_new"
if cmp -s "$manifest_new" "$OUT/manifest.tsv"; then rm -f "$manifest_new"; else mv "$manifest_new" "$OUT/manifest.tsv"; fi

# ---------------------------------------------------------------- optional re-derivation
if [ "$RECHECK" = 1 ]; then
  command -v python3 >/dev/null || die "--recheck needs python3"
  bad=0
  while read -r name version source asha inner bsha size gover gofrom layout magic bi stripped etype dyn kind cgo nfunc where; do
    [ -n "$name" ] || continue
    if [ -n "$ONLY" ] && ! echo "$name $version" | grep -Eq -- "$ONLY"; then continue; fi
    bin=$OUT/$(dirname_of "$name" "$version")/${inner##*/}
    IFS=$'\t' read -r _ rver rlayout rstripped retype rdyn rsize rnfunc rbi _ < <(python3 "$SELF_DIR/goelfinfo.py" "$bin" < /dev/null)
    case $rdyn in dynamic) rdyn=yes ;; *) rdyn=no ;; esac
    want="$gover $layout($magic) $stripped $etype $dyn $size $nfunc $bi"
    have="${rver%\?} $rlayout $rstripped $retype $rdyn $rsize $rnfunc $rbi"
    if [ "$want" != "$have" ]; then
      log "RECHECK MISMATCH $name $version: pinned [$want] derived [$have]"; bad=1
    fi
  done <<< "$PINNED"
  [ "$bad" = 0 ] || die "re-derived metadata differs from the pinned metadata"
  log "recheck: pinned metadata matches goelfinfo.py"
fi

log "release binaries: $FETCHED fetched, $PRESENT already present -> $OUT (manifest.tsv)"
