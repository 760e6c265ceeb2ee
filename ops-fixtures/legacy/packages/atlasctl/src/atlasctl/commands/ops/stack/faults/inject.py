"""Canonical fault injection API for the local stack (owned by ops/stack).

Drills in every domain call `inject` through `atlasctl ops stack fault inject`; no other
domain ships its own injector.
"""

import subprocess

FAULTS = {
    "db-down": ["docker", "compose", "-p", "atlas", "stop", "postgres"],
    "db-up": ["docker", "compose", "-p", "atlas", "start", "postgres"],
    "objectstore-down": ["docker", "compose", "-p", "atlas", "stop", "minio"],
    "objectstore-up": ["docker", "compose", "-p", "atlas", "start", "minio"],
    "pod-kill": ["kubectl", "-n", "atlas", "delete", "pod", "-l", "app.kubernetes.io/name=atlas", "--wait=false"],
}


def inject(fault: str, target: str = "local") -> None:
    """Injects `fault` into the `target` stack. Raises KeyError for an unknown fault."""
    cmd = FAULTS[fault]
    subprocess.run(cmd, check=True)
