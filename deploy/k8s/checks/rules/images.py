"""Images are pinned: by digest, or by a tag other than `latest` (a release version in prod)."""

from __future__ import annotations

import re

from deploy.k8s.checks.pods import pod_templates

RELEASE_TAG = re.compile(r"\d+\.\d+\.\d+")


def image_tag(image: str) -> str:
    """The tag after the last colon of the image's last path part (a registry port is no tag)."""
    return image.rpartition(":")[2] if ":" in image.split("/")[-1] else ""


def check_images(docs: list[dict], require_release_tags: bool) -> list[str]:
    findings = []
    for pod in pod_templates(docs):
        for container in pod.containers():
            image = container.get("image", "")
            where = f"{pod.owner} container {container['name']}"
            if "@sha256:" in image:
                continue
            tag = image_tag(image)
            if not tag or tag == "latest":
                findings.append(f"{where}: image {image!r} has no pinned tag")
            elif require_release_tags and not RELEASE_TAG.fullmatch(tag):
                findings.append(f"{where}: image {image!r} is not pinned to a release version")
    return findings
