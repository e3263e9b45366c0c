"""core.charts.svg_gemerkt: a chart drawn from the same data is written once per process."""

from core import charts


def _zeichnen(aufrufe: list, quoten):
    def zeichnen():
        aufrufe.append(1)
        return charts.quoten_balken(quoten)

    return zeichnen


def test_gleiche_daten_einmal_gezeichnet():
    aufrufe = []
    quoten = [charts.Quote("Sterkrade, Runde 1", 0.4, 10), charts.Quote("Alt-O. <1>", None, 0)]
    erst = charts.svg_gemerkt(
        ("test", quoten), _zeichnen(aufrufe, quoten), titel="T <&>", kennung="k"
    )
    wieder = charts.svg_gemerkt(
        ("test", list(quoten)), _zeichnen(aufrufe, quoten), titel="T <&>", kennung="k"
    )
    assert wieder == erst
    assert len(aufrufe) == 1
    assert erst == charts.als_svg_inline(charts.quoten_balken(quoten), titel="T <&>", kennung="k")
    assert "T &lt;&amp;&gt;" in erst

    anders = [charts.Quote("Sterkrade, Runde 1", 0.5, 10)]
    neu = charts.svg_gemerkt(("test", anders), _zeichnen(aufrufe, anders), titel="T", kennung="k")
    assert len(aufrufe) == 2
    assert neu != erst
    # Another title or id prefix is another SVG, even for the same figures.
    charts.svg_gemerkt(("test", quoten), _zeichnen(aufrufe, quoten), titel="T <&>", kennung="j")
    assert len(aufrufe) == 3


def test_objekt_ohne_wertdarstellung_nicht_gemerkt():
    aufrufe = []
    quoten = [charts.Quote("A", 0.4, 10)]
    for _ in range(2):
        charts.svg_gemerkt((object(), quoten), _zeichnen(aufrufe, quoten), titel="T", kennung="o")
    assert len(aufrufe) == 2


def test_hoechstens_so_viele(monkeypatch):
    monkeypatch.setattr(charts, "GEMERKT_HOECHSTENS", 3)
    aufrufe = []
    for i in range(6):
        quoten = [charts.Quote(f"R{i}", 0.1 * i, i)]
        charts.svg_gemerkt(("grenze", quoten), _zeichnen(aufrufe, quoten), titel="T", kennung="g")
    assert len(charts._GEMERKT) <= 3
    assert len(aufrufe) == 6
