"""deploy/k8s: every overlay renders, validates and keeps the platform's rules.

The first test runs scripts/k8s_check.sh (what `make k8s-check` runs); the others read the overlays
it rendered and state each rule on its own, so a failure names the rule it broke.
"""

from __future__ import annotations

import copy

import pytest
import yaml

from tests.deploy.support import CRDS, OVERLAYS, check, rendered_overlay, run_k8s_check

POLICIES = sorted(check.POLICIES)
# The first test to need the rendered overlays runs scripts/k8s_check.sh, which on a fresh
# machine builds kustomize and installs checkov first: minutes, not seconds.
pytestmark = pytest.mark.timeout(900)


def test_the_offline_check_passes() -> None:
    run = run_k8s_check()
    assert run.returncode == 0, run.explain()
    assert "k8s-check: all checks passed" in run.output


def test_there_are_dev_and_prod_overlays() -> None:
    assert {"dev", "prod"} <= set(OVERLAYS)


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_every_object_validated_against_a_schema(overlay: str) -> None:
    docs = rendered_overlay(overlay)
    crds = check.load_crd_schemas(CRDS)
    report = check.validate_documents({overlay: docs}, crds, ["1.32.0", "1.37.0"])
    assert not report.errors, "\n".join(report.errors)
    assert not report.unvalidated, "objects without a schema:\n" + "\n".join(report.unvalidated)
    assert report.validated_builtin + report.validated_custom == len(docs)


@pytest.mark.parametrize("policy", POLICIES)
@pytest.mark.parametrize("overlay", OVERLAYS)
def test_policy_holds(overlay: str, policy: str) -> None:
    findings = check.POLICIES[policy](overlay, rendered_overlay(overlay))
    assert not findings, f"{overlay}, {policy}:\n" + "\n".join(findings)


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_every_topic_in_schemas_has_a_kafka_topic(overlay: str) -> None:
    from schemas.topics import ALL_TOPICS, DEAD_LETTER_TOPICS

    declared = {
        doc["spec"]["topicName"] for doc in rendered_overlay(overlay) if doc["kind"] == "KafkaTopic"
    }
    assert set(ALL_TOPICS) == declared
    assert set(DEAD_LETTER_TOPICS) <= declared


def test_prod_kafka_keeps_three_copies_and_two_in_sync() -> None:
    docs = rendered_overlay("prod")
    for topic in (d for d in docs if d["kind"] == "KafkaTopic"):
        assert topic["spec"]["replicas"] == 3, topic["metadata"]["name"]
        assert str(topic["spec"]["config"]["min.insync.replicas"]) == "2", topic["metadata"]["name"]
    (kafka,) = (d for d in docs if d["kind"] == "Kafka")
    assert kafka["spec"]["kafka"]["config"]["min.insync.replicas"] == 2


def test_topics_file_is_generated_from_schemas() -> None:
    assert check.TOPICS_FILE.read_text(encoding="utf-8") == check.topics_yaml(), (
        "deploy/k8s/components/kafka-strimzi/topics.yaml is stale; "
        "run: .cache/venv/bin/python deploy/k8s/check.py topics --write"
    )


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_no_secret_values_in_the_manifests(overlay: str) -> None:
    docs = rendered_overlay(overlay)
    assert not [d for d in docs if d["kind"] == "Secret"]
    text = yaml.safe_dump_all(docs)
    for marker in ("BEGIN PRIVATE KEY", "BEGIN RSA PRIVATE KEY", "password:"):
        assert marker not in text


# The checks must be able to fail: each rule below is broken on purpose in a copy of the prod
# overlay and must be reported.


def _prod_copy() -> list[dict]:
    return copy.deepcopy(rendered_overlay("prod"))


def _deployment(docs: list[dict], name: str) -> dict:
    return next(d for d in docs if d["kind"] == "Deployment" and d["metadata"]["name"] == name)


def test_unknown_field_in_a_custom_resource_is_rejected() -> None:
    docs = _prod_copy()
    topic = next(d for d in docs if d["kind"] == "KafkaTopic")
    topic["spec"]["replica"] = topic["spec"].pop("replicas")
    report = check.validate_documents({"prod": [topic]}, check.load_crd_schemas(CRDS), ["1.37.0"])
    assert any("replica" in error for error in report.errors), report.errors


def test_unknown_field_in_a_deployment_is_rejected() -> None:
    deployment = _deployment(_prod_copy(), "scoring")
    deployment["spec"]["template"]["spec"]["containers"][0]["livenessprobe"] = {}
    report = check.validate_documents({"prod": [deployment]}, {}, ["1.32.0"])
    assert report.errors


def test_missing_limits_and_writable_root_are_reported() -> None:
    docs = _prod_copy()
    container = _deployment(docs, "indicator")["spec"]["template"]["spec"]["containers"][0]
    del container["resources"]["limits"]
    container["securityContext"]["readOnlyRootFilesystem"] = False
    findings = check.check_workloads(docs)
    assert any("no cpu limit" in f for f in findings), findings
    assert any("root filesystem is writable" in f for f in findings), findings


def test_same_path_for_both_probes_is_reported() -> None:
    docs = _prod_copy()
    container = _deployment(docs, "development")["spec"]["template"]["spec"]["containers"][0]
    container["readinessProbe"]["httpGet"]["path"] = "/healthz"
    assert any("same path" in f for f in check.check_probes(docs))


def test_a_missing_topic_is_reported() -> None:
    docs = [
        d for d in _prod_copy() if d.get("spec", {}).get("topicName") != "scoring.dead-letters.v1"
    ]
    from schemas.topics import ALL_TOPICS

    assert any("scoring.dead-letters.v1" in f for f in check.check_kafka(docs, ALL_TOPICS))


def test_network_policy_gaps_are_reported() -> None:
    docs = _prod_copy()
    gateway_policy = next(
        d for d in docs if d["kind"] == "NetworkPolicy" and d["metadata"]["name"] == "gateway"
    )
    gateway_policy["spec"]["egress"] = []
    docs = [
        d
        for d in docs
        if not (d["kind"] == "NetworkPolicy" and d["metadata"]["name"] == "services-to-kafka")
    ]
    findings = check.check_network_policies(docs)
    assert any("gateway cannot connect to Deployment/indicator" in f for f in findings), findings
    assert any(
        "Deployment/scoring cannot connect to Kafka/platform broker" in f for f in findings
    ), findings


def test_an_open_database_is_reported() -> None:
    docs = _prod_copy()
    database_policy = next(
        d for d in docs if d["kind"] == "NetworkPolicy" and d["metadata"]["name"] == "platform-db"
    )
    database_policy["spec"]["ingress"].append({})
    findings = check.check_network_policies(docs)
    assert (
        "a pod in another namespace can connect to Cluster/platform-db instance on port 5432"
        in findings
    ), findings


def test_a_committed_secret_is_reported() -> None:
    docs = _prod_copy()
    namespace = docs[0]["metadata"]["name"]
    docs.append(
        {"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "x", "namespace": namespace}}
    )
    assert check.check_secrets(docs)


def _platform_config(docs: list[dict]) -> dict:
    return next(
        d["data"]
        for d in docs
        if d["kind"] == "ConfigMap" and d["metadata"]["name"].startswith("platform-config")
    )


def test_prod_reaches_kafka_only_over_tls_with_scram_and_checks_the_database() -> None:
    docs = rendered_overlay("prod")
    config = _platform_config(docs)
    assert config["KAFKA_BOOTSTRAP_SERVERS"].endswith(":9093")
    assert config["KAFKA_SECURITY_PROTOCOL"] == "SASL_SSL"
    assert config["DATABASE_SSLMODE"] == "verify-full" and config["DATABASE_SSLROOTCERT"]
    kafka = next(d for d in docs if d["kind"] == "Kafka")
    listeners = kafka["spec"]["kafka"]["listeners"]
    assert [(li["port"], li["tls"], li["authentication"]["type"]) for li in listeners] == [
        (9093, True, "scram-sha-512")
    ]
    users = {d["metadata"]["name"] for d in docs if d["kind"] == "KafkaUser"}
    assert users == {"indicator-kafka", "scoring-kafka", "development-kafka"}
    for name in ("indicator", "scoring", "development"):
        env = {
            e["name"]: e
            for e in _deployment(docs, name)["spec"]["template"]["spec"]["containers"][0]["env"]
        }
        assert env["KAFKA_SASL_USERNAME"]["value"] == f"{name}-kafka"
        assert env["KAFKA_SASL_PASSWORD"]["valueFrom"]["secretKeyRef"]["name"] == f"{name}-kafka"


def test_a_service_sent_to_a_port_its_policies_do_not_open_is_reported() -> None:
    docs = _prod_copy()
    _platform_config(docs)["KAFKA_BOOTSTRAP_SERVERS"] = "platform-kafka-bootstrap:9092"
    findings = check.check_network_policies(docs)
    assert any(
        "Deployment/scoring cannot connect to Kafka/platform broker on port 9092" in f
        for f in findings
    ), findings
