"""`make test` writes nothing into the tree (issue 16, part 5).

Under ``AICOST_FIGURE_FORMATS=none`` (what `make test` sets) the notebooks save no figure and
the scorecard notebook writes no figures/scorecard.csv: both only check that the committed files
are what the code produces. This runs the scorecard notebook (the one that used to write) and
the save helper, and compares every file of the working tree (git's view: tracked and untracked
but not ignored) before and after.
"""

import subprocess

import pytest

from aicost.paths import NOTEBOOKS, ROOT


def tree_state() -> dict:
    out = subprocess.run(["git", "-C", str(ROOT), "ls-files", "-co", "--exclude-standard", "-z"],
                         capture_output=True, text=True, check=True).stdout
    state = {}
    for name in filter(None, out.split("\0")):
        path = ROOT / name
        if path.is_file():
            st = path.stat()
            state[name] = (st.st_size, st.st_mtime_ns)
    return state


@pytest.fixture
def no_writes(monkeypatch):
    if subprocess.run(["git", "-C", str(ROOT), "rev-parse"], capture_output=True).returncode:
        pytest.skip("not a git checkout")
    monkeypatch.setenv("AICOST_FIGURE_FORMATS", "none")
    before = tree_state()
    yield
    after = tree_state()
    changed = sorted(k for k in set(before) | set(after) if before.get(k) != after.get(k))
    assert not changed, f"written into the tree: {changed}"


def test_scorecard_notebook_writes_nothing(no_writes):
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(NOTEBOOKS / "12-scorecard.ipynb", as_version=4)
    NotebookClient(nb, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(NOTEBOOKS)}}).execute()
    printed = "".join(o.get("text", "") for c in nb.cells if c.cell_type == "code"
                      for o in c.get("outputs", []))
    assert "wrote figures/scorecard.csv" in printed  # the notebook's stored output is unchanged


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
