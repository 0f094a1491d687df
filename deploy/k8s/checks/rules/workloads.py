"""Restricted security context, requests and limits on every container, writable paths only on
emptyDir volumes."""

from __future__ import annotations

from deploy.k8s.checks.pods import PodTemplate, pod_templates

WRITABLE_VOLUME_KINDS = {"emptyDir", "configMap", "secret", "projected"}


def _privilege_findings(where: str, security: dict) -> list[str]:
    capabilities = security.get("capabilities") or {}
    findings = []
    if security.get("allowPrivilegeEscalation") is not False:
        findings.append(f"{where}: allowPrivilegeEscalation is not false")
    if security.get("privileged"):
        findings.append(f"{where}: privileged")
    if "ALL" not in (capabilities.get("drop") or []):
        findings.append(f"{where}: capabilities do not drop ALL")
    if capabilities.get("add"):
        findings.append(f"{where}: adds capabilities")
    if security.get("readOnlyRootFilesystem") is not True:
        findings.append(f"{where}: root filesystem is writable")
    return findings


def _identity_findings(where: str, security: dict, pod_security: dict) -> list[str]:
    """What the container sets wins over the pod's defaults."""
    findings = []
    if security.get("runAsNonRoot", pod_security.get("runAsNonRoot")) is not True:
        findings.append(f"{where}: runAsNonRoot is not true")
    if security.get("runAsUser", pod_security.get("runAsUser")) == 0:
        findings.append(f"{where}: runs as UID 0")
    seccomp = security.get("seccompProfile") or pod_security.get("seccompProfile") or {}
    if seccomp.get("type") not in ("RuntimeDefault", "Localhost"):
        findings.append(f"{where}: seccomp profile is not RuntimeDefault")
    return findings


def _resource_findings(where: str, resources: dict) -> list[str]:
    return [
        f"{where}: no {resource} {section[:-1]}"
        for section in ("requests", "limits")
        for resource in ("cpu", "memory")
        if resource not in (resources.get(section) or {})
    ]


def container_restricted(owner: str, container: dict, pod_security: dict) -> list[str]:
    where = f"{owner} container {container['name']}"
    security = container.get("securityContext", {}) or {}
    return [
        *_privilege_findings(where, security),
        *_identity_findings(where, security, pod_security),
        *_resource_findings(where, container.get("resources", {}) or {}),
    ]


def _pod_findings(pod: PodTemplate, volumes: dict[str, dict]) -> list[str]:
    findings = [
        f"{pod.owner}: {flag} is set"
        for flag in ("hostNetwork", "hostPID", "hostIPC")
        if pod.spec.get(flag)
    ]
    if pod.spec.get("automountServiceAccountToken") is not False:
        findings.append(f"{pod.owner}: mounts a service account token it does not use")
    findings += [
        f"{pod.owner}: volume {name} is a hostPath"
        for name, volume in volumes.items()
        if "hostPath" in volume
    ]
    return findings


def _mount_findings(pod: PodTemplate, container: dict, volumes: dict[str, dict]) -> list[str]:
    findings = []
    for mount in container.get("volumeMounts", []):
        volume = volumes.get(mount["name"], {})
        if not mount.get("readOnly") and not (WRITABLE_VOLUME_KINDS & set(volume)):
            findings.append(
                f"{pod.owner} container {container['name']}: writable mount {mount['mountPath']} is not an emptyDir"
            )
    return findings


def check_workloads(docs: list[dict]) -> list[str]:
    findings = []
    for pod in pod_templates(docs):
        volumes = {volume["name"]: volume for volume in pod.spec.get("volumes", [])}
        findings += _pod_findings(pod, volumes)
        pod_security = pod.spec.get("securityContext", {}) or {}
        for container in pod.containers():
            findings += container_restricted(pod.owner, container, pod_security)
            findings += _mount_findings(pod, container, volumes)
    return findings
