"""`make contracts`: writes every exported contract; `--check` fails when a checked-in one drifted.

Exports: each subgraph's SDL, the composed supergraph (via the gateway's composition library),
a JSON Schema per event (envelope with its payload), and an AsyncAPI document for trainers and
other consumers.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml
from strawberry.printer import print_schema

from schemas import topics
from schemas.envelope import Envelope
from schemas.registry import PAYLOAD_MODELS

ROOT = Path(__file__).resolve().parent.parent
EXPORTED = ROOT / "schemas" / "exported"
SUBGRAPHS = ("indicator", "scoring", "development")
# The supergraph checked in names the local `dev` stack's subgraph URLs; stacks compose their own.
DEV_URLS = {name: f"http://127.0.0.1:{4000 + i}" for i, name in enumerate(SUBGRAPHS, start=1)}


def subgraph_sdl(service: str) -> str:
    from importlib import import_module

    from services.common.settings import PlatformSettings

    module = import_module(f"services.{service}.bootstrap")
    return print_schema(module.service_spec(PlatformSettings(app_env="development")).schema) + "\n"


def compose_supergraph(sdl_dir: Path, out: Path, urls: dict[str, str] = DEV_URLS) -> None:
    env = dict(os.environ, SUBGRAPH_SDL_DIR=str(sdl_dir), SUPERGRAPH_OUT=str(out))
    env.update({f"{name.upper()}_URL": url for name, url in urls.items()})
    compose = ROOT / "gateway" / "compose.mjs"
    result = subprocess.run(
        ["node", str(compose)], env=env, capture_output=True, text=True, cwd=ROOT
    )
    if result.returncode != 0:
        raise SystemExit(f"supergraph composition failed:\n{result.stdout}{result.stderr}")


def event_json_schema(model: type) -> dict:
    envelope = Envelope.model_json_schema()
    payload = model.model_json_schema()
    envelope["title"] = f"{model.event_type} v{model.schema_version}"
    envelope["description"] = (model.__doc__ or "").strip() or f"{model.event_type} event"
    envelope["properties"]["event_type"] = {"const": model.event_type}
    envelope["properties"]["schema_version"] = {"const": model.schema_version}
    envelope["properties"]["payload"] = {"$ref": "#/$defs/Payload"}
    envelope["x-topic"] = model.topic
    definitions = payload.pop("$defs", {})
    envelope["$defs"] = {**definitions, "Payload": payload}
    envelope["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return envelope


def asyncapi_document() -> dict:
    models = sorted(PAYLOAD_MODELS.values(), key=lambda m: (m.topic, m.event_type))
    channels, operations, messages = {}, {}, {}
    for topic in topics.EVENT_TOPICS:
        on_topic = [m for m in models if m.topic == topic]
        channel = topic.replace(".", "_").replace("-", "_")
        channels[channel] = {
            "address": topic,
            "messages": {
                m.event_type: {"$ref": f"#/components/messages/{m.event_type}"} for m in on_topic
            },
        }
        operations[f"receive_{channel}"] = {
            "action": "receive",
            "channel": {"$ref": f"#/channels/{channel}"},
        }
    for group in topics.CONSUMER_GROUPS:
        dead = topics.dead_letter_topic(group)
        channels[dead.replace(".", "_").replace("-", "_")] = {
            "address": dead,
            "description": f"Messages the {group} consumer group could not handle, unchanged, with headers "
            "dlq_reason, dlq_source_topic, dlq_source_partition, dlq_source_offset, dlq_consumer_group, dlq_failed_at.",
        }
    for m in models:
        messages[m.event_type] = {
            "name": m.event_type,
            "title": f"{m.event_type} v{m.schema_version}",
            "summary": (m.__doc__ or m.event_type).strip().splitlines()[0],
            "contentType": "application/json",
            "headers": {
                "type": "object",
                "properties": {
                    "event_type": {"type": "string", "const": m.event_type},
                    "schema_version": {"type": "string"},
                    "correlation_id": {"type": "string"},
                },
            },
            "payload": {"$ref": f"./jsonschema/{m.event_type}.v{m.schema_version}.json"},
        }
    return {
        "asyncapi": "3.0.0",
        "info": {
            "title": "Cadre assessment platform events",
            "version": "1.0.0",
            "description": "Every message is a JSON envelope (event_id, event_type, schema_version, occurred_at, "
            "producer, correlation_id, payload) keyed by the aggregate id (cadre or unit). Consumers must be "
            "idempotent on event_id: delivery is at least once.",
        },
        "defaultContentType": "application/json",
        "channels": channels,
        "operations": operations,
        "components": {"messages": messages},
    }


def render_all(work: Path, compose: bool = True) -> None:
    (work / "sdl").mkdir(parents=True, exist_ok=True)
    (work / "jsonschema").mkdir(parents=True, exist_ok=True)
    for service in SUBGRAPHS:
        (work / "sdl" / f"{service}.graphql").write_text(subgraph_sdl(service), encoding="utf-8")
    if compose:
        compose_supergraph(work / "sdl", work / "supergraph.graphql")
    for model in PAYLOAD_MODELS.values():
        text = (
            json.dumps(event_json_schema(model), indent=2, ensure_ascii=False, sort_keys=True)
            + "\n"
        )
        (work / "jsonschema" / f"{model.event_type}.v{model.schema_version}.json").write_text(
            text, encoding="utf-8"
        )
    (work / "asyncapi.yaml").write_text(
        yaml.safe_dump(asyncapi_document(), sort_keys=False, allow_unicode=True), encoding="utf-8"
    )


def drift(compose: bool = True) -> list[str]:
    """Names of exported files that differ from what the code produces now."""
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp)
        render_all(fresh, compose=compose)
        produced = {p.relative_to(fresh) for p in fresh.rglob("*") if p.is_file()}
        stored = {p.relative_to(EXPORTED) for p in EXPORTED.rglob("*") if p.is_file()}
        changed = sorted(
            str(p)
            for p in produced
            if not (EXPORTED / p).exists()
            or (EXPORTED / p).read_bytes() != (fresh / p).read_bytes()
        )
        stale = sorted(str(p) for p in stored - produced)
    return changed + [f"{name} (no longer produced)" for name in stale]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail when checked-in exports drifted")
    args = parser.parse_args()
    if args.check:
        changed = drift()
        if changed:
            sys.exit("exported contracts drifted; run `make contracts`:\n  " + "\n  ".join(changed))
        print("exported contracts match the code")
        return
    for stale in EXPORTED.rglob("*"):
        if stale.is_file():
            stale.unlink()
    render_all(EXPORTED)
    print(f"wrote contracts to {EXPORTED.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
