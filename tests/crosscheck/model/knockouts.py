"""Knockout specifications `L:H:Q:K` (fields count from 0, `*` means any) as the `attnviz model`
command takes them, expanded into a boolean mask blocked[layer, head, query, key]."""
import numpy as np


def parse(spec):
    """'3:*:*:0' -> (3, None, None, 0); raises ValueError on anything malformed."""
    fields = spec.split(":")
    if len(fields) != 4:
        raise ValueError(f"knockout {spec!r} does not have four fields")
    return tuple(None if f == "*" else int(f) for f in fields)


def blocked_mask(specs, layers, heads, length):
    """The union of the edges the specs name, as a (layers, heads, T, T) bool array (None when
    there are no specs). Indices are assumed in range: the harness checks that separately."""
    if not specs:
        return None
    blocked = np.zeros((layers, heads, length, length), dtype=bool)
    for spec in specs:
        index = tuple(slice(None) if f is None else f for f in parse(spec))
        blocked[index] = True
    return blocked


def random_specs(rng, layers, heads, length, causal):
    """0-4 knockouts mixing exact edges and `*` patterns; in a causal model the exact edges are
    drawn on or below the diagonal, where they change something."""
    specs = []
    for _ in range(int(rng.integers(0, 5))):
        q = int(rng.integers(0, length))
        k = int(rng.integers(0, q + 1)) if causal else int(rng.integers(0, length))
        fields = [str(int(rng.integers(0, layers))), str(int(rng.integers(0, heads))), str(q),
                  str(k)]
        for i in range(4):
            if rng.random() < 0.2:
                fields[i] = "*"
        specs.append(":".join(fields))
    return specs
