import pytest

from programmes.names import az_lower, person_name_key


@pytest.mark.parametrize(
    "spellings",
    [
        [("Elçin", "Məmmədov"), ("Elchin", "Mammadov"), ("Elchin", "Mamedov"), ("Эльчин", "Мамедов")],
        [("Aysel", "Əliyeva"), ("Aysel", "Aliyeva"), ("Айсель", "Алиева")],
        [("Rəşad", "Cəfərov"), ("Rashad", "Jafarov"), ("Рашад", "Джафаров")],
        [("İlqar", "Quliyev"), ("Ilgar", "Guliyev"), ("Ильгар", "Кулиев")],
        [("Şəbnəm", "Həsənova"), ("Shabnam", "Gasanova"), ("Шабнам", "Гасанова")],
        [("Ülvi", "Xəlilov"), ("Ulvi", "Khalilov")],
    ],
)
def test_spellings_of_one_name_share_a_key(spellings):
    assert len({person_name_key(first, last) for first, last in spellings}) == 1


def test_different_people_get_different_keys():
    assert person_name_key("Elçin", "Məmmədov") != person_name_key("Elçin", "Əliyev")
    assert person_name_key("Aysel", "Əliyeva") != person_name_key("Günay", "Əliyeva")


def test_azerbaijani_lower_case_keeps_dotless_i():
    assert az_lower("İSMAYILOV") == "ismayılov"
    assert az_lower("ILQAR") == "ılqar"
