"""Re-execute notebooks in place, as a maintainer does after the shipped model or heads change.

    python tools/execute_notebooks.py nbs/10_spatial_control.ipynb nbs/11_drag.ipynb
    python tools/execute_notebooks.py --keep "train_tiny_model(RUN_DIR" nbs/06_tiny_model.ipynb

Every code cell runs in a kernel started in the notebook's folder (so `#| slow` cells run too: set
`RG_ANALYSIS_SEEDS`, `OMP_NUM_THREADS` in the environment as needed), except
- cells marked `#| eval: false` (Colab installs, GPU-only examples): skipped, their outputs cleared, as
  `nbdev_test` skips them;
- cells containing a `--keep` substring (e.g. a training cell whose run folder is not on this machine):
  skipped, their earlier outputs kept.
The notebook is written back even when a cell fails (outputs up to the failure), and the error is raised.
Run `nbdev_clean` afterwards.
"""
import argparse, time
from pathlib import Path

import nbformat
from nbclient import NotebookClient


def execute(path:Path, keep:list, timeout:int=3600):
    "Execute one notebook in place; returns the seconds it took."
    nb = nbformat.read(path, as_version=4)
    skipped, kept = {}, {}
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code": continue
        if "#| eval: false" in cell.source: skipped[i] = cell.source
        elif any(k in cell.source for k in keep): kept[i] = (cell.source, cell.outputs, cell.execution_count)
        else: continue
        cell.source = "pass"
    start = time.time()
    try:
        NotebookClient(nb, timeout=timeout, kernel_name="python3",
                       resources={"metadata": {"path": str(path.parent)}}).execute()
    finally:
        for i, source in skipped.items():
            nb.cells[i].source, nb.cells[i].outputs, nb.cells[i].execution_count = source, [], None
        for i, (source, outputs, count) in kept.items():
            nb.cells[i].source, nb.cells[i].outputs, nb.cells[i].execution_count = source, outputs, count
        nbformat.write(nb, path)
    return time.time() - start


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="+", type=Path)
    parser.add_argument("--keep", action="append", default=[], metavar="SUBSTRING",
                        help="skip code cells containing SUBSTRING and keep their outputs (repeatable)")
    parser.add_argument("--timeout", type=int, default=3600, help="seconds per cell")
    args = parser.parse_args()
    for path in args.notebooks: print(f"{path}: {execute(path, args.keep, args.timeout):.0f} s", flush=True)


if __name__ == "__main__":
    main()
