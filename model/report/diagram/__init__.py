"""Stock-and-flow diagrams of the model: Vensim sketch views written from the equations, drawn as SVG/PNG.

The ``.mdl`` file holds one sketch view per sector (the ``.Name`` groups of the
equations). The views are generated from the equations, written into the
file's sketch section, and drawn from the file, so a drawing never drifts from
the model. Nothing here imports PySD: the dependency graph comes from
:mod:`model.engine.graph` as plain data.

Module map
----------
``graph``
    :class:`~model.report.diagram.graph.ModelGraph` (dependencies and stock rates on
    real names) and the split of a stock's rate into inflows and outflows.
``mdl_text``
    The ``.mdl`` text: equations, sketch and settings parts; the sectors.
``plan``
    What each view shows: stocks, flows with their ends, auxiliaries, shadow
    variables and the arrows among them.
``text``
    Label wrapping and text widths (fixed Helvetica metrics, so the sketch
    does not depend on installed fonts).
``cluster``
    Layout of one chain of stocks with its flows, valves and clouds.
``layout``
    Layered layout of a view: clusters and variables in rows, ordered to
    shorten arrows, wrapped to a maximum width.
``sketch_format``
    Vensim sketch records (types 10, 11, 12 and 1) and the view header.
``sketch_writer``
    Laid-out views to sketch records; the sketch section of a model file.
``sketch_reader``
    The sketch section back into views of records, for drawing and checks.
``svg``
    One view as SVG (and PNG through vl-convert), with optional highlighting.
``files``
    Writing the drawings of several views as one complete set of files.
"""
