#!/usr/bin/env bash
# Refresh the vendored front-end libraries in static/vendor/ from the npm registry, and axe-core (used only by the
# browser tests, so not served) in tests/browser/vendor/.
# Maintainer tool only: NOT needed at runtime (the vendored files are committed).
#
# Usage:  scripts/vendor_static.sh
# Override a version via env, e.g.  BOOTSTRAP_VERSION=5.3.9 scripts/vendor_static.sh
# Requires: node, npm, tar, python3 (for the final check).
set -euo pipefail

BOOTSTRAP_VERSION="${BOOTSTRAP_VERSION:-5.3.9}"
HTMX_VERSION="${HTMX_VERSION:-2.0.11}"
CHARTJS_VERSION="${CHARTJS_VERSION:-4.6.1}"
LEAFLET_VERSION="${LEAFLET_VERSION:-1.9.4}"
AXE_VERSION="${AXE_VERSION:-4.14.1}"
WORLD_ATLAS_VERSION="${WORLD_ATLAS_VERSION:-2.0.2}"
TOPOJSON_CLIENT_VERSION="${TOPOJSON_CLIENT_VERSION:-3.1.0}"

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENDOR="$REPO_ROOT/static/vendor"
TEST_VENDOR="$REPO_ROOT/tests/browser/vendor"
# scratch space (npm tarballs, node_modules for the GeoJSON conversion); removed on exit
WORK_BASE="${VENDOR_WORK_BASE:-/tmp/vendor-work}"
mkdir -p "$WORK_BASE"
WORK="$(mktemp -d "$WORK_BASE/run.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

# npm pack <spec> into $WORK/<name> and extract; prints the extracted package dir.
fetch() {
  local spec="$1" name="$2"
  local dir="$WORK/$name"
  mkdir -p "$dir"
  local tgz
  tgz="$(cd "$dir" && npm pack --silent "$spec" | tail -n1)"
  tar -xzf "$dir/$tgz" -C "$dir"
  echo "$dir/package"
}

# copy the package's licence file (LICENSE, LICENSE.txt, LICENSE.md ...) as LICENSE
copy_license() {
  local pkg="$1" dest="$2" f
  f="$(find "$pkg" -maxdepth 1 -type f -iname 'licen[cs]e*' | head -n1)"
  [ -n "$f" ] || { echo "no licence file in $pkg" >&2; exit 1; }
  cp "$f" "$dest/LICENSE"
}

reset_dir() { rm -rf "$1"; mkdir -p "$1"; }

echo "== bootstrap $BOOTSTRAP_VERSION"
p="$(fetch "bootstrap@$BOOTSTRAP_VERSION" bootstrap)"
d="$VENDOR/bootstrap"; reset_dir "$d"
cp "$p/dist/css/bootstrap.min.css" "$p/dist/js/bootstrap.bundle.min.js" "$d/"
copy_license "$p" "$d"

echo "== htmx.org $HTMX_VERSION"
p="$(fetch "htmx.org@$HTMX_VERSION" htmx)"
d="$VENDOR/htmx"; reset_dir "$d"
cp "$p/dist/htmx.min.js" "$d/"
copy_license "$p" "$d"

echo "== chart.js $CHARTJS_VERSION"
p="$(fetch "chart.js@$CHARTJS_VERSION" chartjs)"
d="$VENDOR/chartjs"; reset_dir "$d"
if [ -f "$p/dist/chart.umd.min.js" ]; then
  cp "$p/dist/chart.umd.min.js" "$d/"
else
  cp "$p/dist/chart.umd.js" "$d/"
fi
copy_license "$p" "$d"

echo "== leaflet $LEAFLET_VERSION"
p="$(fetch "leaflet@$LEAFLET_VERSION" leaflet)"
d="$VENDOR/leaflet"; reset_dir "$d"
cp "$p/dist/leaflet.js" "$p/dist/leaflet.css" "$d/"
mkdir -p "$d/images"; cp "$p"/dist/images/* "$d/images/"
copy_license "$p" "$d"

echo "== axe-core $AXE_VERSION"
p="$(fetch "axe-core@$AXE_VERSION" axe-core)"
d="$TEST_VENDOR/axe-core"; reset_dir "$d"
cp "$p/axe.min.js" "$d/"
copy_license "$p" "$d"

echo "== Azerbaijan outline from world-atlas $WORLD_ATLAS_VERSION (countries-50m.json)"
geo="$WORK/geo"; mkdir -p "$geo"
npm install --silent --no-audit --no-fund --no-save --prefix "$geo" \
  "world-atlas@$WORLD_ATLAS_VERSION" "topojson-client@$TOPOJSON_CLIENT_VERSION" >/dev/null
d="$VENDOR/az-outline"; reset_dir "$d"
cat > "$geo/extract.js" <<'JS'
// One-off: extract Azerbaijan (ISO 3166-1 numeric 031) from world-atlas countries-50m.
const fs = require("fs");
const path = require("path");
const topojson = require("topojson-client");
const [geoDir, outFile] = process.argv.slice(2);
const topo = JSON.parse(fs.readFileSync(
  path.join(geoDir, "node_modules/world-atlas/countries-50m.json"), "utf8"));
const fc = topojson.feature(topo, topo.objects.countries);
const az = fc.features.filter(f => String(f.id) === "031");
if (az.length !== 1) throw new Error(`expected 1 Azerbaijan feature, got ${az.length}`);
// round coordinates to 5 decimals (~1 m) to keep the file small
const round = c => Array.isArray(c[0]) ? c.map(round) : c.map(v => Math.round(v * 1e5) / 1e5);
const f = az[0];
const out = {
  type: "FeatureCollection",
  features: [{
    type: "Feature",
    id: "031",
    properties: { name: f.properties.name, iso_n3: "031", iso_a3: "AZE",
                  source: "world-atlas countries-50m.json (Natural Earth 1:50m)" },
    geometry: { type: f.geometry.type, coordinates: round(f.geometry.coordinates) },
  }],
};
fs.writeFileSync(outFile, JSON.stringify(out) + "\n");
JS
node "$geo/extract.js" "$geo" "$d/azerbaijan.geojson"
copy_license "$geo/node_modules/world-atlas" "$d"

echo "== strip source-map references (the maps are not vendored; collectstatic's manifest would fail on them)"
grep -rl "sourceMappingURL" "$VENDOR" "$TEST_VENDOR" | while read -r f; do
  sed -i -E 's@//# sourceMappingURL=[^ ]*$@@; s@/\*# sourceMappingURL=[^*]*\*/@@' "$f"
done

echo "== verify"
for f in \
  bootstrap/bootstrap.min.css bootstrap/bootstrap.bundle.min.js bootstrap/LICENSE \
  htmx/htmx.min.js htmx/LICENSE \
  leaflet/leaflet.js leaflet/leaflet.css leaflet/LICENSE \
  az-outline/azerbaijan.geojson az-outline/LICENSE; do
  [ -s "$VENDOR/$f" ] || { echo "MISSING or empty: $f" >&2; exit 1; }
done
for f in axe-core/axe.min.js axe-core/LICENSE; do
  [ -s "$TEST_VENDOR/$f" ] || { echo "MISSING or empty: tests/browser/vendor/$f" >&2; exit 1; }
done
ls "$VENDOR"/chartjs/chart.umd*.js >/dev/null
[ -n "$(ls -A "$VENDOR/leaflet/images")" ]
python3 - "$VENDOR/az-outline/azerbaijan.geojson" <<'PY'
import json, sys
fc = json.load(open(sys.argv[1]))
g = fc["features"][0]["geometry"]
assert g["type"] in ("Polygon", "MultiPolygon"), g["type"]
polys = g["coordinates"] if g["type"] == "MultiPolygon" else [g["coordinates"]]
pts = [p for poly in polys for ring in poly for p in ring]
lons = [p[0] for p in pts]; lats = [p[1] for p in pts]
b = (min(lons), min(lats), max(lons), max(lats))
assert 44.0 < b[0] < 45.5 and 50.0 < b[2] < 51.0 and 38.0 < b[1] < 39.0 and 41.5 < b[3] < 42.3, b
print(f"azerbaijan.geojson OK: {g['type']} with {len(polys)} polygon(s), bounds {b}")
PY
echo "done: files written to $VENDOR and $TEST_VENDOR"
