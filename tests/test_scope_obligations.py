"""Obligations: mixed 'Hak dan Kewajiban X:' lists, rights among duties, attached documents, dash padding."""

from extractors.lists import split_items
from extractors.obligations import _is_right


def test_dash_padding_dropped_from_items():
    items = split_items("a. Menyediakan ruang kerja.---------- nnn ana\nb. Menyediakan mentor; ------ ee\n")
    assert [i.text for i in items] == ["Menyediakan ruang kerja", "Menyediakan mentor"]


def test_right_opening_but_not_prohibition_or_mixed():
    assert _is_right("L Berhak memberikan teguran kepada peserta")
    assert not _is_right("Peserta tidak berhak menuntut menjadi karyawan")
    assert not _is_right("PIHAK KEDUA berhak dan berkewajiban menyusun laporan")
