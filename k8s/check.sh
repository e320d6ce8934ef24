#!/usr/bin/env bash
# Renders every overlay with kubectl's kustomize into target/k8s/<overlay>.yaml and validates the
# output against the Kubernetes and Prometheus-operator models and the application
# (RenderedManifestsCheck). Without kubectl it installs Debian's kubernetes-client (kubectl 1.20,
# kustomize v2.0.3), which the kustomizations are written for as well. KUBECTL=<binary> picks one.
set -euo pipefail
cd "$(dirname "$0")/.."

kubectl=${KUBECTL:-kubectl}
if ! command -v "$kubectl" >/dev/null 2>&1; then
  echo "k8s/check.sh: no kubectl, installing kubernetes-client" >&2
  if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq kubernetes-client >/dev/null
  kubectl=kubectl
fi
"$kubectl" version --client 2>/dev/null | head -2 >&2 || true

out=target/k8s
rm -rf "$out"
mkdir -p "$out"
for overlay in dev prod prod-jvm prod-ha; do
  # today's kustomize warns that bases/patchesStrategicMerge are deprecated: kept for v2.0.3
  "$kubectl" kustomize "k8s/overlays/$overlay" > "$out/$overlay.yaml" 2> "$out/$overlay.log" || {
    cat "$out/$overlay.log" >&2
    exit 1
  }
  echo "k8s/check.sh: rendered k8s/overlays/$overlay -> $out/$overlay.yaml" >&2
done

./mvnw -B -q test -Dtest=RenderedManifestsCheck -Dk8s.rendered="$out"
# -q hides surefire's summary: say what ran
report=target/surefire-reports/TEST-io.careerdata.deploy.RenderedManifestsCheck.xml
tests=$(grep -o -m1 'tests="[0-9]*"' "$report" | tr -dc 0-9)
failed=$(( $(grep -o -m1 'failures="[0-9]*"' "$report" | tr -dc 0-9) + $(grep -o -m1 'errors="[0-9]*"' "$report" | tr -dc 0-9) ))
echo "RenderedManifestsCheck: $(( tests - failed )) passed, $failed failed"
