"""Offline checks of the rendered Kubernetes manifests, one module per concern:

    documents         loading the rendered overlays (`kustomize build` output, see scripts/k8s_check.sh)
    schemas, crds     built-in kinds against the Kubernetes JSON schemas; custom resources
                      against their CRDs, made strict about unknown fields
    rules/            the platform's own rules, one module each, named in rules.POLICIES
    network, pods     the NetworkPolicy simulation and label selectors the rules build on
    commands, topics  what the containers run exists; the KafkaTopic file from schemas/topics.py
    checkov           checkov's JSON report summarised
    reporting, cli    what each subcommand prints and the command line (deploy/k8s/check.py)

The names below are what tests/deploy uses.
"""

from deploy.k8s.checks.commands import CommandReport, check_commands
from deploy.k8s.checks.constants import TOPICS_FILE
from deploy.k8s.checks.crds import load_crd_schemas
from deploy.k8s.checks.documents import load_documents, load_rendered
from deploy.k8s.checks.rules import (
    POLICIES,
    check_kafka,
    check_network_policies,
    check_probes,
    check_secrets,
    check_workloads,
    run_policies,
)
from deploy.k8s.checks.schemas import ValidationReport, validate_documents
from deploy.k8s.checks.topics import topics_yaml

__all__ = [
    "POLICIES",
    "TOPICS_FILE",
    "CommandReport",
    "ValidationReport",
    "check_commands",
    "check_kafka",
    "check_network_policies",
    "check_probes",
    "check_secrets",
    "check_workloads",
    "load_crd_schemas",
    "load_documents",
    "load_rendered",
    "run_policies",
    "topics_yaml",
    "validate_documents",
]
