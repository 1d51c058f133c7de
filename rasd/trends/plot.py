"""Charts of count series: bars per period, the rolling baseline the rules compare against, and the alerts marked;
periods without any article are grey bands ("no coverage"), not zero bars.

matplotlib with the Agg backend, so it draws on a headless server; one panel per series (at most MAX_PANELS).
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from rasd.errors import InputError
from rasd.trends.evaluate import Alert
from rasd.trends.rules import Rule
from rasd.trends.series import Series, period_end

MAX_PANELS = 6


def rolling_baseline(series: Series, metric: str, n: int) -> list[float | None]:
    """For each covered period, the mean of the covered periods among the `n` before it (None for the first, and
    for a period without coverage, where there is nothing to compare)."""
    out: list[float | None] = []
    for i in range(len(series.periods)):
        window = series.baseline(metric, i, n) if series.covered(i) else []
        out.append(sum(window) / len(window) if window else None)
    return out


def plot_series(series_list: list[Series], rule: Rule, alerts: list[Alert], path: str | Path,
                title: str = "") -> Path:
    """Draw the series to a PNG (or any format matplotlib infers from the suffix); the path written."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt

    if not series_list:
        raise InputError("nothing to plot: no series (is the store empty, or do the filters match nothing?)")
    shown = series_list[:MAX_PANELS]
    out = Path(path)
    fig, axes = plt.subplots(len(shown), 1, figsize=(10, 2.8 * len(shown) + 0.6), squeeze=False, sharex=True)
    width = 0.8 if series_list[0].freq == "day" else 5.6
    for ax, s in zip((a[0] for a in axes), shown, strict=False):
        values = s.values(rule.metric)
        watched = [i for i in range(len(values)) if s.covered(i)]
        ax.bar([s.periods[i] for i in watched], [values[i] for i in watched], width=width, align="edge",
               color="#7f9fbf", label=f"{rule.metric} per {s.freq}")
        unwatched = [i for i in range(len(values)) if not s.covered(i)]
        for k, i in enumerate(unwatched):  # not a zero: a grey band where nothing was published or happened
            ax.axvspan(s.periods[i], period_end(s.periods[i], s.freq) + timedelta(days=1), color="#d8d8d8",
                       alpha=0.6, linewidth=0, label=None if k else "no coverage (no article, no event)")
        partial = [i for i in range(len(values)) if s.partial(i)]
        if partial:
            ax.bar([s.periods[i] for i in partial], [values[i] for i in partial], width=width, align="edge",
                   color="none", edgecolor="#404040", hatch="//", linewidth=0.6,
                   label="partly watched (store starts or ends inside)")
        centers = [p + (s.periods[1] - s.periods[0]) / 2 if len(s.periods) > 1 else p for p in s.periods]
        for n, style, colour in ((rule.baseline, "-", "#d08020"), (52, "--", "#606060")):
            base = rolling_baseline(s, rule.metric, n)
            pts = [(c, b) for c, b in zip(centers, base, strict=True) if b is not None]
            if pts and (n == rule.baseline or len(values) > rule.baseline + 4):
                ax.plot([c for c, _ in pts], [b for _, b in pts], style, color=colour, marker=".",
                        label=f"baseline: mean of previous {n} {s.freq}s")
                if n == rule.baseline:
                    break_even = [b * 1.25 for _, b in pts]
                    ax.plot([c for c, _ in pts], break_even, ":", color=colour, linewidth=0.8,
                            label="large-increase line (+25%)")
        mine = [a for a in alerts if a.scope == s.key]
        for a in mine:
            i = s.periods.index(a.period_start) if a.period_start in s.periods else None
            if i is None:
                continue
            ax.annotate("ALERT", (centers[i], values[i]), xytext=(0, 12), textcoords="offset points", ha="center",
                        color="#c00000", fontsize=8, fontweight="bold",
                        arrowprops={"arrowstyle": "->", "color": "#c00000"})
            ax.bar([s.periods[i]], [values[i]], width=width, align="edge", color="#e05050")
        ax.set_title(s.label(), fontsize=10, loc="left")
        ax.set_ylabel(rule.metric)
        ax.set_ylim(0, max([*values, 1]) * 1.3)
        ax.grid(axis="y", alpha=0.3)
        ax.legend(fontsize=7, loc="upper right")
    if len(series_list[0].periods) <= 16:
        axes[-1][0].set_xticks(series_list[0].periods)
    axes[-1][0].xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m-%d"))
    fig.autofmt_xdate()
    freq = series_list[0].freq
    fig.suptitle(title or f"rasd trends: {rule.metric} per {freq} (alerts: rule {rule.name}, baseline "
                          f"{rule.baseline} {freq}s, spike test p <= {rule.alpha})", fontsize=11)
    fig.tight_layout()
    try:
        fig.savefig(out, dpi=110)
    except (OSError, ValueError) as exc:
        raise InputError(f"cannot write the chart to {out}: {exc}") from exc
    finally:
        plt.close(fig)
    return out
