from django import template

register = template.Library()


@register.filter
def wortgroessen(woerter) -> list[dict]:
    """Five size steps relative to the most frequent word (a word cloud without inline style)."""
    woerter = list(woerter)
    groesstes = max((w.anzahl for w in woerter), default=1)
    return [
        {
            "wort": w.wort,
            "anzahl": w.anzahl,
            "groesse": min(5, max(1, 1 + round(4 * w.anzahl / groesstes - 0.5))),
        }
        for w in woerter
    ]


@register.filter
def prozent_von(ja: int, n: int) -> int:
    """{{ ja|prozent_von:n }}: the rate in whole percent, rounded half up like the charts."""
    from core.charts import prozent_gerundet

    return prozent_gerundet(ja / n) if n else 0
