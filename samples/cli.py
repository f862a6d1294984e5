"""`kerjasama samples ...`: generate synthetic agreements with gold labels, or rebuild the fixed set."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated

import typer

from samples import FIXED_DIR

# The generator (reportlab, pandas, fonts) is imported by the commands that use it: every other
# `kerjasama` command starts 0.12 s sooner.

app = typer.Typer(
    help="Synthetic cooperation agreements (MoU, PKS, addenda) with gold labels and page text.",
    no_args_is_help=True,
)


@app.command()
def generate(
    out: Annotated[Path, typer.Option("--out", help="Output folder (docs/, labels/, truth/ are created).")],
    count: Annotated[int, typer.Option("--count", min=0, help="Number of documents.")] = 10,
    seed: Annotated[int, typer.Option("--seed", help="Same seed, same bytes.")] = 0,
    profile: Annotated[str, typer.Option("--profile", help="clean | office | poor")] = "office",
) -> None:
    """Write COUNT documents with gold labels and each page's true text to OUT."""
    from samples.generate import PROFILES, generate_corpus

    if profile not in PROFILES:
        raise typer.BadParameter(f"unknown profile {profile!r}; choose one of {', '.join(PROFILES)}")
    start = time.perf_counter()
    paths = generate_corpus(out, count, seed, profile)
    elapsed = time.perf_counter() - start
    size = sum(p.stat().st_size for p in paths)
    typer.echo(
        f"{len(paths)} documents ({size / 1e6:.1f} MB) in {out} in {elapsed:.1f} s "
        f"({len(paths) / max(elapsed, 1e-9):.2f} docs/s)"
    )


@app.command()
def portfolio(
    out: Annotated[Path, typer.Option("--out", help="Where to write the portfolio set.")] = FIXED_DIR.parent
    / "portfolio",
) -> None:
    """Rebuild the committed portfolio set: MoUs, their PKS, an addendum, reports, unfollowed MoUs."""
    from samples.portfolio import build_portfolio

    paths = build_portfolio(out)
    typer.echo(f"{len(paths)} documents, {sum(p.stat().st_size for p in paths) / 1e6:.2f} MB in {out}")


@app.command()
def fixed(
    out: Annotated[Path, typer.Option("--out", help="Where to write the fixed set.")] = FIXED_DIR,
) -> None:
    """Rebuild the committed fixed sample set (byte-identical on every run)."""
    from samples.fixed import build_fixed

    paths = build_fixed(out)
    typer.echo(f"{len(paths)} documents, {sum(p.stat().st_size for p in paths) / 1e6:.2f} MB in {out}")
