#!/usr/bin/env bash
# make bench: load demo data at scale 1 and 200 into PostgreSQL (once), then measure the main pages on both.
# make bench MODE=throughput: the main pages against a bare Django view, CPU per request and gunicorn + wrk (scale 1).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
PGURL=${BENCH_PG:-postgres://postgres@127.0.0.1:5432}
if [ "${1:-}" = throughput ]; then
  db=${BENCH_THROUGHPUT_DB:-osce_perf_bench}
  export DATABASE_URL="$PGURL/$db" DEBUG=true
  # REDIS_URL as in production when set (sessions and cache in Redis), else the per-process cache.
  psql "$PGURL/postgres" -tAc "SELECT 1 FROM pg_database WHERE datname='$db'" | grep -q 1 \
    || psql "$PGURL/postgres" -qc "CREATE DATABASE $db"
  $PY manage.py migrate -v0
  $PY manage.py shell -c "from programmes.demo_data import demo_data_present as p; raise SystemExit(0 if p() else 1)" \
    || { $PY manage.py seed_reference && $PY manage.py seed_demo --scale 1; }
  # Fresh statistics, as autovacuum would have them: a just-seeded table's planner estimates are those of an empty one.
  psql "$PGURL/$db" -qc "ANALYZE"
  $PY manage.py compilemessages --ignore=.venv -v0
  DEBUG=false SECRET_KEY=bench-collectstatic-key-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx $PY manage.py collectstatic --noinput -v0
  $PY bench/throughput.py cpu
  command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk): skipping the wrk run"; exit 0; }
  $PY bench/throughput.py wrk
  exit 0
fi
export DEBUG=true
unset REDIS_URL  # measure with the in-process cache, so the numbers are the database's and the code's
for scale in 1 200; do
  db="osce_bench_${scale}"
  export DATABASE_URL="$PGURL/$db"
  if ! psql "$PGURL/postgres" -tAc "SELECT 1 FROM pg_database WHERE datname='$db'" | grep -q 1; then
    psql "$PGURL/postgres" -qc "CREATE DATABASE $db"
  fi
  $PY manage.py migrate -v0
  if ! $PY manage.py shell -c "from programmes.demo_data import demo_data_present as p; raise SystemExit(0 if p() else 1)"; then
    echo "seeding scale $scale (scale 200 takes several minutes)"
    /usr/bin/time -f "seed_demo --scale $scale: %e s, %M KB peak" $PY manage.py seed_demo --scale "$scale"
  fi
  psql "$PGURL/$db" -qc "ANALYZE"
  DEBUG=false SECRET_KEY=bench-collectstatic-key-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx $PY manage.py collectstatic --noinput -v0
  $PY bench/pages.py --label "scale-$scale"
done
$PY bench/compare.py scale-1 scale-200
