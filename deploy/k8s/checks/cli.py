"""The command line of deploy/k8s/check.py: one function per subcommand."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from deploy.k8s.checks.checkov import checkov_summary
from deploy.k8s.checks.commands import CommandReport, check_commands
from deploy.k8s.checks.constants import ROOT, TOPICS_FILE
from deploy.k8s.checks.crds import load_crd_schemas
from deploy.k8s.checks.documents import load_rendered
from deploy.k8s.checks.reporting import (
    print_checkov,
    print_commands,
    print_policies,
    print_validation,
)
from deploy.k8s.checks.rules import run_policies
from deploy.k8s.checks.schemas import validate_documents
from deploy.k8s.checks.topics import all_topics, topics_yaml


def run_validate(args: argparse.Namespace) -> int:
    docs_by_overlay = load_rendered(args.rendered)
    crds = load_crd_schemas(args.crds)
    report = validate_documents(docs_by_overlay, crds, args.kubernetes)
    return print_validation(docs_by_overlay, crds, args.kubernetes, report)


def run_policy(args: argparse.Namespace) -> int:
    return print_policies(run_policies(load_rendered(args.rendered)))


def run_commands(args: argparse.Namespace) -> int:
    report = CommandReport()
    for docs in load_rendered(args.rendered).values():
        report.add(check_commands(docs))
    return print_commands(report)


def run_topics(args: argparse.Namespace) -> int:
    wanted = topics_yaml()
    shown = TOPICS_FILE.relative_to(ROOT)
    if args.write:
        TOPICS_FILE.write_text(wanted, encoding="utf-8")
        print(f"wrote {shown}")
        return 0
    if TOPICS_FILE.read_text(encoding="utf-8") != wanted:
        print(f"{shown} is stale; run: python deploy/k8s/check.py topics --write")
        return 1
    print(f"topics: {shown} matches schemas/topics.py ({len(all_topics())} topics)")
    return 0


def run_checkov_report(args: argparse.Namespace) -> int:
    return print_checkov(*checkov_summary(args.report, args.config))


RUNS: dict[str, Callable[[argparse.Namespace], int]] = {
    "validate": run_validate,
    "policy": run_policy,
    "topics": run_topics,
    "commands": run_commands,
    "checkov-report": run_checkov_report,
}


def build_parser(description: str) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        description=description, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    subcommands = parser.add_subparsers(dest="command", required=True)
    validate = subcommands.add_parser(
        "validate", help="validate rendered objects against their schemas"
    )
    validate.add_argument("rendered", type=Path)
    validate.add_argument(
        "--crds", type=Path, required=True, help="folder of CustomResourceDefinition YAML"
    )
    validate.add_argument(
        "--kubernetes", action="append", required=True, help="Kubernetes version, repeatable"
    )
    policy = subcommands.add_parser("policy", help="check the platform's own rules")
    policy.add_argument("rendered", type=Path)
    topics = subcommands.add_parser(
        "topics", help="compare (or --write) the KafkaTopic file with schemas/topics.py"
    )
    topics.add_argument("--write", action="store_true")
    images = subcommands.add_parser(
        "commands", help="check that the modules and scripts the containers run exist"
    )
    images.add_argument("rendered", type=Path)
    checkov = subcommands.add_parser("checkov-report", help="summarise checkov's JSON report")
    checkov.add_argument("report", type=Path)
    checkov.add_argument("--config", type=Path, required=True)
    return parser


def main(argv: list[str] | None = None, description: str = "") -> int:
    args = build_parser(description).parse_args(argv)
    return RUNS[args.command](args)
