#!/usr/bin/env bash
# The tenant-scale benchmark of docs/performance.md ("Memory at tenant scale"): for 1,000 / 10,000 / 50,000 tenants
# of 20 pages (white-label: 90 % of each tenant's pages are copies of a few shared designs, 20 % of tenants override
# the header), each mode in a fresh container of the assembled distribution with the same JVM flags: every page
# rendered once, then a Zipf load (as many requests as pages); the live heap the templates add over the same container
# with an empty repository (class histogram after a full GC), bytes a page and a tenant beyond the distinct text,
# RSS, and the memory tier's hit ratio, evictions and reloads (also for a tier a quarter of the working set).
# Plain and tuned Mustache.java run up to 10,000 tenants (at 50,000 they would need ~18 GB); 50,000 runs optimized
# with the small tier. Prints every flag and setting; results in benchmarks/target/tenant-scale/.
#   benchmarks/run-tenant-scale.sh [--sizes 1000,10000,50000] [--pages 20] [--xmx 6g] [--connections 4] [...]
# (options and defaults: io.memtune.benchmarks.load.TenantScale). Corpora are generated once and kept
# (50,000 x 20 = 1,000,000 files, about 4 GB of disk and a few minutes to write).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests install
mvn -B -q -pl benchmarks dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
work=benchmarks/target/tenant-scale
mkdir -p "$work"
# a copy of the distribution: a rebuild while the runs go cannot change it under them
rm -rf "$work/memtune"
cp -a distribution/target/memtune "$work/memtune"
exec java -Xmx2g -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" \
  io.memtune.benchmarks.load.TenantScale --home "$work/memtune" --work "$work" "$@"
