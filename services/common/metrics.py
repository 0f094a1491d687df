"""Prometheus metrics shared by every service."""

from __future__ import annotations

from prometheus_client import Counter, Gauge, Histogram

HTTP_REQUESTS = Counter(
    "http_requests_total", "HTTP requests served", ["service", "path", "status"]
)
HTTP_LATENCY = Histogram(
    "http_request_duration_seconds",
    "HTTP request latency",
    ["service", "path"],
    buckets=(0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5),
)
EVENTS_HANDLED = Counter(
    "events_handled_total", "Kafka events handled by outcome", ["group", "event_type", "outcome"]
)
EVENT_HANDLING_SECONDS = Histogram(
    "event_batch_handling_seconds",
    "Time to handle one consumed batch, database commit included",
    ["group"],
    buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5),
)
OUTBOX_PUBLISHED = Counter("outbox_published_total", "Outbox rows published to Kafka", ["service"])
OUTBOX_PENDING = Gauge("outbox_pending_rows", "Outbox rows not yet published", ["service"])
OUTBOX_LAG_SECONDS = Gauge(
    "outbox_lag_seconds", "Age of the oldest unpublished outbox row (0 when none)", ["service"]
)
DEAD_LETTERS = Counter(
    "dead_letters_total",
    "Consumed messages sent to the group's dead-letter topic, by reason",
    ["group", "reason"],
)
