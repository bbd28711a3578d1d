"""Latency figures from a list of durations in seconds."""

import math


def percentile(values, fraction: float) -> float:
    """The value below which `fraction` of the values lie, interpolated
    between neighbours (numpy's default, "linear")."""
    if not values:
        raise ValueError("no values")
    ordered = sorted(values)
    position = (len(ordered) - 1) * fraction
    low, high = math.floor(position), math.ceil(position)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def summary(seconds) -> dict:
    """p50, p95, max and count in milliseconds, rounded to 0.1 ms."""
    if not seconds:
        return {"count": 0, "p50_ms": None, "p95_ms": None, "max_ms": None}
    return {
        "count": len(seconds),
        "p50_ms": round(percentile(seconds, 0.50) * 1000, 1),
        "p95_ms": round(percentile(seconds, 0.95) * 1000, 1),
        "max_ms": round(max(seconds) * 1000, 1),
    }
