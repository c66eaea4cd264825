"""`make test` writes nothing into the tree (issue 16, part 5).

Under ``AICOST_FIGURE_FORMATS=none`` (what `make test` sets, and tests/conftest.py for a bare
``pytest``) the notebooks save no figure and the scorecard notebook writes no
figures/scorecard.csv: both only check that the committed files are what the code produces. Every
notebook the suite runs is checked to leave the working tree as it found it (tests/conftest.py:
the tree's state before its first cell against after its last); here the save helper and the
scorecard's file writer, and the scorecard notebook's stored output, which nbval compares.
"""

import json

import pytest

from aicost.paths import NOTEBOOKS


def test_scorecard_notebook_says_it_checks_the_files_and_nbval_compares_that():
    """The scorecard notebook's stored output says it wrote the scorecard files (its writer
    checks them under make test, see below), and that cell's output is compared by nbval."""
    nb = json.loads((NOTEBOOKS / "12-scorecard.ipynb").read_text(encoding="utf-8"))
    cells = [c for c in nb["cells"] if c["cell_type"] == "code"
             and "wrote figures/scorecard.csv" in "".join("".join(o.get("text", ""))
                                                          for o in c.get("outputs", []))]
    assert len(cells) == 1
    assert not {"nbval-ignore-output", "nbval-skip"} & set(cells[0]["metadata"].get("tags", []))
    assert "# NBVAL_IGNORE_OUTPUT" not in "".join(cells[0]["source"])


def test_a_notebook_that_writes_fails_at_its_last_cell(monkeypatch, request):
    """The per-notebook check of tests/conftest.py is on under make test and a bare pytest, and
    it fails a notebook that wrote, at its last cell, naming the file (the tree's state is
    simulated here: a real write would trip the notebook the other worker is running)."""
    import os
    from types import SimpleNamespace

    import conftest

    assert os.environ["AICOST_FIGURE_FORMATS"] == "none"
    states = iter([{"figures/a.png": (1, 1)}, {"figures/a.png": (1, 2), "new.csv": (3, 3)}])
    monkeypatch.setattr(conftest, "tree_state", lambda: next(states))
    cells = [SimpleNamespace(nodeid=f"notebooks/99-probe.ipynb::Cell {i}") for i in range(2)]
    check = conftest.NotebookWrites()
    check.pytest_runtest_setup(cells[0])
    check.pytest_runtest_setup(cells[1])  # the state is taken once, before the first cell
    check.pytest_runtest_teardown(cells[0], cells[1])  # not the last cell: no comparison
    with pytest.raises(AssertionError, match=r"99-probe.ipynb wrote .*'figures/a.png', 'new.csv'"):
        check.pytest_runtest_teardown(cells[1], None)
    assert request.config.pluginmanager.get_plugin("aicost-notebook-writes") is not None


def test_write_files_and_save_write_nothing(no_writes):
    import matplotlib

    matplotlib.use("agg")
    import matplotlib.pyplot as plt

    from aicost.figures import save
    from aicost.scorecard import write_files

    assert [p.name for p in write_files()] == ["scorecard.csv", "scorecard.md"]
    fig, ax = plt.subplots()
    ax.plot([0, 1], [0, 1])
    with pytest.raises(RuntimeError, match="not what this code renders"):
        save(fig, "99-not-committed", source="none")  # checked, not written
    plt.close(fig)
