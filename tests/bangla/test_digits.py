from batayon.bangla.digits import has_bangla_digits, to_bangla_digits, to_latin_digits


def test_to_bangla_digits_all_digits():
    assert to_bangla_digits("0123456789") == "০১২৩৪৫৬৭৮৯"


def test_to_bangla_digits_accepts_int():
    assert to_bangla_digits(1427) == "১৪২৭"
    assert to_bangla_digits(-5) == "-৫"


def test_other_characters_untouched():
    assert to_bangla_digits("Room 12-B, তলা 3") == "Room ১২-B, তলা ৩"
    assert to_latin_digits("কক্ষ ১২-খ") == "কক্ষ 12-খ"


def test_to_latin_digits():
    assert to_latin_digits("০১৭১১৬১৮৩৬৮") == "01711618368"


def test_round_trip():
    for n in range(0, 20000, 7):
        assert to_latin_digits(to_bangla_digits(n)) == str(n)


def test_has_bangla_digits():
    assert has_bangla_digits("২০২০")
    assert has_bangla_digits("abc ৫")
    assert not has_bangla_digits("2020")
    assert not has_bangla_digits("বাংলা")
    assert not has_bangla_digits("")
