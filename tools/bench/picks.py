"""Pure helpers that shape the benchmark's archive: how N articles are split
into successive imports."""


def split_counts(total: int, parts: int) -> list[int]:
    """`total` items in `parts` runs as equal as can be, the larger runs first;
    never an empty run (fewer runs when there are fewer items)."""
    if total <= 0:
        return []
    parts = max(1, min(parts, total))
    size, extra = divmod(total, parts)
    return [size + (1 if index < extra else 0) for index in range(parts)]


def split(items: list, parts: int) -> list[list]:
    """`items` cut in `parts` consecutive runs of the sizes split_counts gives."""
    runs, start = [], 0
    for size in split_counts(len(items), parts):
        runs.append(items[start : start + size])
        start += size
    return runs
