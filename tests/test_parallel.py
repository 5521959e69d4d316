"""Large searches spread over worker processes print exactly what one process would."""

from __future__ import annotations

import os

import pytest

from conftest import Invoke
from nhsalliance_cli import parallel


def _pid_and_items(items: object) -> tuple[int, list[int]]:
    return os.getpid(), list(items)  # type: ignore[call-overload]


def test_map_slices_keeps_order_and_uses_other_processes() -> None:
    items = list(range(10))
    results = parallel.map_slices(items, _pid_and_items, workers=2, size=lambda x: x + 1)
    assert [i for _, chunk in results for i in chunk] == items
    assert len(results) == 2
    assert all(pid != os.getpid() for pid, _ in results)
    # Slices of about equal size: 1+…+7 = 28 against 8+9+10 = 27.
    assert [chunk for _, chunk in results] == [[0, 1, 2, 3, 4, 5, 6], [7, 8, 9]]


def test_one_worker_or_one_item_runs_here() -> None:
    assert parallel.map_slices([1, 2, 3], _pid_and_items, workers=1) == [(os.getpid(), [1, 2, 3])]
    assert parallel.map_slices([1], _pid_and_items, workers=4) == [(os.getpid(), [1])]


def test_workers_for_thresholds() -> None:
    assert parallel.workers_for(10, threshold=100) == 1
    assert parallel.workers_for(1000, threshold=100) >= 1


@pytest.mark.parametrize("fmt", ["--json", "--jsonl", "--csv"])
@pytest.mark.parametrize("query", [["commission*"], ["NHS", "CCG*"], ["--regex", r"\bthe\b"]])
def test_parallel_search_prints_what_one_process_prints(
    invoke: Invoke, monkeypatch: pytest.MonkeyPatch, fmt: str, query: list[str]
) -> None:
    alone = invoke(["search", *query, fmt])
    monkeypatch.setattr(parallel, "PARALLEL_HITS", 1)
    monkeypatch.setattr(parallel, "workers_for", lambda amount, threshold: 2)
    spread = invoke(["search", *query, fmt])
    assert spread.exit_code == alone.exit_code == 0
    assert spread.stdout == alone.stdout
