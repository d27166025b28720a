"""``diagram``: stock-and-flow diagrams of the model's sectors, drawn from the sketch in the model file."""

from __future__ import annotations

import argparse
from pathlib import Path

from model.base.errors import UserError
from model.base.paths import MDL_PATH


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``diagram`` command."""
    parser = sub.add_parser(
        "diagram", help="draw the model's sector views (SVG and PNG); regenerate the sketch",
        description="Draw the stock-and-flow views stored in the model file's sketch section (one per sector) as "
                    "SVG and PNG, or list them. --write-sketch regenerates that sketch section from the equations "
                    "(the equations are left byte for byte as they are).")
    parser.add_argument("--view", metavar="NAME", help="only this view (a sector name, e.g. 'Labour')")
    parser.add_argument("--out", metavar="DIR", help="write <view>.svg and <view>.png for each view here")
    parser.add_argument("--force", action="store_true", help="replace files that exist in --out")
    parser.add_argument("--scale", type=float, default=1.5, metavar="S",
                        help="PNG pixels per sketch pixel (default 1.5)")
    parser.add_argument("--lang", choices=("en", "vi"), default="en",
                        help="language of the variable labels (default en: the model's names)")
    parser.add_argument("--write-sketch", action="store_true",
                        help="rewrite the model file's sketch section from its equations")
    parser.add_argument("--model", metavar="FILE.mdl", default=str(MDL_PATH),
                        help="model file (default: the project's)")
    parser.set_defaults(handler=run)


def write_sketch(path: Path) -> bool:
    """Regenerate the sketch section of a model file; return whether the file changed."""
    from model.report.diagram.graph import model_graph
    from model.report.diagram.mdl_text import read_text
    from model.report.diagram.sketch_writer import with_sketch
    from model.report.output import write_atomic

    text = read_text(path)
    new = with_sketch(text, model_graph(path))
    if new != text:
        write_atomic(path, new.encode("utf-8"), force=True)
    return new != text


def _summary(views: tuple) -> str:
    lines = [f"{'view':28} {'variables':>9} {'stocks':>6} {'flows':>5} {'shadows':>7} {'arrows':>6}"]
    for view in views:
        own = [v for v in view.variables() if not v.is_shadow]
        lines.append(f"{view.name:28} {len(own):>9} {sum(v.is_box for v in own):>6} "
                     f"{sum(v.attached for v in own):>5} {len(view.variables()) - len(own):>7} "
                     f"{len(view.connectors()):>6}")
    return "\n".join(lines)


def _drawings(views: tuple, scale: float, lang: str = "en") -> dict[str, bytes]:
    from model.report.diagram.labels import labels
    from model.report.diagram.sketch_reader import slug
    from model.report.diagram.svg import svg_png, view_svg

    files = {}
    for view in views:
        svg = view_svg(view, labels=labels(lang) or None)
        files[f"{slug(view.name)}.svg"] = svg.encode("utf-8")
        files[f"{slug(view.name)}.png"] = svg_png(svg, scale)
    return files


def run(args: argparse.Namespace) -> int:
    """Regenerate the sketch, list the views or draw them."""
    from model.report.diagram.files import write_files
    from model.report.diagram.sketch_reader import find_view, model_views

    path = Path(args.model)
    if not path.is_file():
        raise UserError(f"{path}: no such model file")
    if not 0.1 <= args.scale <= 8:
        raise UserError(f"--scale {args.scale}: expected 0.1 to 8")
    if args.write_sketch:
        changed = write_sketch(path)
        print(f"{path}: sketch {'rewritten' if changed else 'already up to date'}")
    views = model_views(path)
    if args.view:
        try:
            views = (find_view(views, args.view),)
        except KeyError:
            names = ", ".join(view.name for view in views)
            raise UserError(f"--view {args.view!r}: no such view; choose one of: {names}") from None
    if args.out:
        written = write_files(args.out, _drawings(views, args.scale, args.lang), force=args.force)
        print(f"wrote {len(written)} files ({len(views)} views) in {args.out}")
    elif not args.write_sketch:
        print(_summary(views))
    return 0
