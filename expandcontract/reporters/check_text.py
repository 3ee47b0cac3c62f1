"""Human text of a check result: a states x apps matrix, then each failure grouped by cause,
what could not be checked or modelled, and the verdict (rich tables, colour when asked)."""

from __future__ import annotations

import io
from pathlib import PurePath

from ..check.result import APP_TITLES, APPS, CheckResult, Failure

__all__ = ["render"]


def render(result: CheckResult, *, color: bool = False, width: int = 120) -> str:
    from rich import box
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    out = io.StringIO()
    console = Console(file=out, width=width, force_terminal=color, color_system="standard" if color else None,
                      highlight=False, soft_wrap=False)
    timeline = result.timeline
    apps = [a for a in APPS if a in result.queries]
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    table.add_column("state", justify="right", no_wrap=True, min_width=5)
    table.add_column("phase", no_wrap=True, min_width=8)
    wheres = [_where(s) for s in timeline.states]
    legend: dict[str, str] = {}
    if max(map(len, wheres)) > width - 45 - 10 * len(apps):  # long revision file names: short labels
        wheres, legend = _abbreviated(timeline.states)
    table.add_column("where", no_wrap=True, min_width=max(len(w) for w in wheres))
    table.add_column("after", overflow="ellipsis", no_wrap=True)
    for app in apps:
        table.add_column(APP_TITLES[app], justify="center", no_wrap=True, min_width=len(APP_TITLES[app]))
    room = max(30, width - 25 - 10 * len(apps) - max(map(len, wheres)))  # what the other columns leave
    for state in timeline.states:
        cells = []
        for app in apps:
            if state.id not in timeline.window(app):
                cells.append("[dim]·[/dim]")
                continue
            failing = result.matrix[app].get(state.id, 0)
            cells.append(f"[red]✗ {failing}[/red]" if failing else "[green]✓[/green]")
        table.add_row(str(state.id), state.phase, f"[dim]{escape(wheres[state.id])}[/dim]",
                      escape(state.summary(room)), *cells)
    console.print(table)
    console.print("[dim]✓ runs   ✗ N: N queries fail   · the app does not run on this state[/dim]")
    if legend:
        folders = {str(PurePath(f).parent) for f in legend.values()}
        names = [PurePath(f).name for f in legend.values()]
        short = len(folders) == 1 and len(set(names)) == len(names)
        if short:
            console.print(f"[dim]in {escape(folders.pop())}/:[/dim]", overflow="ellipsis", no_wrap=True)
        for label, file in legend.items():
            shown = PurePath(file).name if short else file
            console.print(f"[dim]{label}  {escape(shown)}[/dim]", overflow="ellipsis", no_wrap=True)
    for group in _by_cause(result.failures):
        console.print()
        _print_group(console, group)
    if result.unchecked:
        console.print()
        count = len(result.unchecked)
        console.print(f"[yellow]{count} quer{'y' if count == 1 else 'ies'} not checked[/yellow] (they may still break):")
        for item in result.unchecked:
            console.print(_indented(f"{escape(item.query.ref)}  {APP_TITLES[item.app]}: {escape(item.reason)}", 2))
    if result.unmodelled:
        console.print()
        count = len(result.unmodelled)
        console.print(f"[yellow]{_count(count, 'migration statement')} not modelled[/yellow] (the states after "
                      f"{'it' if count == 1 else 'them'} may differ from the real schema; write "
                      f"{'its' if count == 1 else 'their'} DDL out as plain statements to have it checked):")
        for item in result.unmodelled:
            console.print(_indented(f"{escape(item.file)}:{item.line}  state {item.state}: {escape(item.reason)}: "
                                    f"[dim]{escape(item.statement)}[/dim]", 2))
    console.print()
    console.print(_verdict(result))
    # rich pads table cells to the full width; trailing blanks only get in the way in logs
    return "".join(line.rstrip() + "\n" for line in out.getvalue().splitlines())


def _where(state) -> str:
    """``safe/expand.sql:2``: the last two parts of the path tell files apart in the matrix."""
    if not state.file:
        return ""
    parts = PurePath(state.file).parts
    return ("/".join(parts[-2:]) if len(parts) > 2 else state.file) + f":{state.line}"


def _abbreviated(states) -> tuple[list[str], dict[str, str]]:
    """``m1:22`` for each state's file and line, and the legend: ``m1`` -> the file."""
    labels: dict[str, str] = {}
    wheres = []
    for state in states:
        if not state.file:
            wheres.append("")
            continue
        label = labels.setdefault(state.file, f"m{len(labels) + 1}")
        wheres.append(f"{label}:{state.line}")
    return wheres, {label: file for file, label in labels.items()}


def _by_cause(failures) -> list[list[Failure]]:
    """Failures with the same explanation and fix, together: one rename breaking forty queries
    is one story with forty places."""
    groups: dict[tuple, list[Failure]] = {}
    for failure in failures:
        groups.setdefault((failure.app, failure.detail, failure.help), []).append(failure)
    return list(groups.values())


def _indented(markup: str, left: int = 4):
    from rich.padding import Padding
    from rich.text import Text

    return Padding(Text.from_markup(markup), (0, 0, 0, left), expand=False)


def _print_group(console, group: list[Failure]) -> None:
    from rich.padding import Padding
    from rich.table import Table
    from rich.text import Text

    first = group[0]
    states = sorted({s for f in group for s in f.states})
    count = len(group)
    what = "model" if first.query.model is not None else "query"
    header = Table.grid(padding=(0, 1))
    header.add_column(no_wrap=True)
    header.add_column(ratio=1)
    header.add_row(Text.from_markup("[red]✗[/red]"), Text(first.detail, style="bold"))
    console.print(header)
    plural = "s" if len(states) > 1 else ""
    console.print(_indented(f"breaks {count} {APP_TITLES[first.app]} {what if count == 1 else what + 's'}"
                            .replace("querys", "queries") + f" on state{plural} {', '.join(map(str, states))}:", 2))
    labels = [f.query.ref + (f" ({f.query.name})" if f.query.name else "") for f in group]
    label_width = max(map(len, labels))
    # the place (file:line) is what the reader acts on: never cut it; the query text gets what is left,
    # on its own line below the place when long paths leave it too little room
    beside = console.width - 4 - label_width - 2 >= 30
    room = console.width - (4 + label_width + 2 if beside else 6)
    for label, failure in zip(labels, group, strict=True):
        text = " ".join(failure.query.text.split())
        shown = Text(text if len(text) <= room else text[: room - 1] + "…", style="cyan")
        if beside:
            console.print(Text.assemble("    ", label.ljust(label_width), "  ", shown), soft_wrap=True)
        else:
            console.print(Text.assemble("    ", label), soft_wrap=True)
            console.print(Text.assemble("      ", shown), soft_wrap=True)
    fix = Table.grid(padding=(0, 1))
    fix.add_column(no_wrap=True)
    fix.add_column(ratio=1)
    fix.add_row(Text.from_markup("[green]fix:[/green]"), Text(first.help))
    console.print(Padding(fix, (0, 0, 0, 2), expand=False))


def _verdict(result: CheckResult) -> str:
    parts = []
    for app in (a for a in APPS if a in result.queries):
        failing_states = [s for s, n in result.matrix[app].items() if n]
        queries = len({(f.query.source, f.query.line) for f in result.failures if f.app == app})
        checked = result.checked(app)
        total = len(result.matrix[app])
        if failing_states:
            parts.append(f"the {APP_TITLES[app]} breaks on {len(failing_states)} of {_count(total, 'state')} "
                         f"({queries} of {_count(checked, 'query', 'queries')})")
        else:
            every = "the state" if total == 1 else f"all {total} states"
            parts.append(f"the {APP_TITLES[app]} runs on {every} it must ({_count(checked, 'query', 'queries')})")
    if result.failures:
        head = "[red]FAIL[/red]"
    elif result.unchecked or result.unmodelled:
        head = "[yellow]OK for the checked queries and modelled statements[/yellow]" if result.unmodelled \
            else "[yellow]OK for the checked queries[/yellow]"
    else:
        head = "[green]OK[/green]"
    unchecked = f"; {_count(len(result.unchecked), 'query', 'queries')} not checked" if result.unchecked else ""
    if result.unmodelled:
        unchecked += f"; {_count(len(result.unmodelled), 'migration statement')} not modelled"
    return f"{head}: {'; '.join(parts)}{unchecked}"


def _count(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"
