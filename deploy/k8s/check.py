"""Offline checks of the rendered Kubernetes manifests: schemas, platform policies and topics.

Run with the project's virtualenv (it needs PyYAML, jsonschema and kubernetes-validate):

    python deploy/k8s/check.py validate RENDERED_DIR --crds CRD_DIR --kubernetes 1.32.0 ...
    python deploy/k8s/check.py policy RENDERED_DIR
    python deploy/k8s/check.py commands RENDERED_DIR
    python deploy/k8s/check.py topics [--write]
    python deploy/k8s/check.py checkov-report REPORT.json --config deploy/k8s/tools/checkov.yaml

RENDERED_DIR holds one `<overlay>.yaml` per overlay, as `kustomize build` printed it.
scripts/k8s_check.sh renders the overlays and runs all of these; the checks themselves are the
deploy.k8s.checks package, which tests/deploy imports.
"""

import sys
from pathlib import Path

# Run as a script, only deploy/k8s is on the path; the package is imported from the repository root.
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from deploy.k8s.checks.cli import main

if __name__ == "__main__":
    sys.exit(main(description=__doc__ or ""))
