#!/usr/bin/env bash
# Spark GPU resource discovery (spark.executor.resource.gpu.discoveryScript): prints the GPUs this
# executor may use as {"name": "gpu", "addresses": ["0", "1", ...]}. Honours CUDA_VISIBLE_DEVICES
# when a scheduler (YARN, Kubernetes device plugin) has already narrowed the set.
set -euo pipefail
if [[ -n "${CUDA_VISIBLE_DEVICES:-}" ]]; then
  ids="${CUDA_VISIBLE_DEVICES}"
elif command -v nvidia-smi >/dev/null 2>&1; then
  ids="$(nvidia-smi --query-gpu=index --format=csv,noheader | tr -d ' ' | paste -sd, -)"
else
  ids=""
fi
addresses=""
IFS=',' read -ra parts <<< "$ids"
for p in "${parts[@]}"; do
  [[ -z "$p" ]] && continue
  addresses+="${addresses:+, }\"$p\""
done
echo "{\"name\": \"gpu\", \"addresses\": [${addresses}]}"
