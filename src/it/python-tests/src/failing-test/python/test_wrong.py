from calc import add


def test_adds_wrongly():
    assert add(2, 2) == 5, "two and two"


def test_adds_rightly():
    assert add(2, 2) == 4
