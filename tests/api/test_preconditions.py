"""If-Match is read strictly: a header that is present but malformed is a condition that
no version meets, never "no condition"."""

import pytest

from ticketsvc.api.preconditions import if_match_tags


@pytest.mark.parametrize(
    ("values", "tags"),
    [
        ([], None),
        (["*"], None),
        ([" * "], None),
        (['"a"'], {"a"}),
        (['W/"a"'], {"a"}),
        (['"a", "b"'], {"a", "b"}),
        (['"a",W/"b"'], {"a", "b"}),
        (['"a"', '"b"'], {"a", "b"}),  # the header repeated is one list
        (['"a",'], {"a"}),  # empty list elements are allowed and ignored
        ([', "a" ,, "b",'], {"a", "b"}),
        (['\t"a"\t'], {"a"}),
        (['""'], {""}),  # an empty tag is well formed; it simply matches nothing of ours
        (['"a,b"'], {"a,b"}),  # a comma inside the quotes belongs to the tag
    ],
)
def test_well_formed_headers(values, tags):
    assert if_match_tags(values) == (None if tags is None else frozenset(tags))


@pytest.mark.parametrize(
    "value",
    [
        '"bogus',  # no closing quote
        'bogus"',
        "W/",
        "W/ ",
        'W/"',
        'w/"a"',  # W/ is case-sensitive
        "bogus",  # not quoted
        "2026-11-25T09:14:03.120431Z",
        '"a" "b"',  # two tags without a comma
        '"a"b',
        '"a b"',  # white space is not an etagc
        '"a\x01"',
        '*, "a"',  # * stands alone
        "**",
        ",",  # a list of nothing
        "",
        " ",
    ],
)
def test_malformed_headers_match_no_version(value):
    assert if_match_tags([value]) == frozenset()


def test_one_malformed_occurrence_spoils_the_whole_condition():
    assert if_match_tags(['"a"', '"bogus']) == frozenset()
