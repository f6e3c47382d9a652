"""Secondary suppression (issue #18): a count under 5 is never given away by subtraction."""

from __future__ import annotations

from portal.insight.suppression import PROTECTED, cells, complementary


def test_one_small_count_beside_a_total_hides_the_smallest_other_one_too():
    # a month: online 12, front desk 3, partner 7, total 22 shown -> 3 = 22 - 12 - 7
    assert cells([12, 3, 7]) == ["12", "<5", PROTECTED]


def test_two_small_counts_protect_each_other():
    assert cells([12, 3, 2]) == ["12", "<5", "<5"]


def test_without_a_total_nothing_more_is_hidden():
    assert cells([12, 3, 7], total_shown=False) == ["12", "<5", "7"]


def test_zeros_are_shown_and_never_chosen_to_protect():
    assert complementary([0, 3, 9, 0]) == {2}
    assert cells([0, 0, 0]) == ["0", "0", "0"]


def test_a_small_count_alone_is_its_own_small_total():
    assert complementary([0, 3, 0]) == set()


def test_no_small_count_hides_nothing():
    assert cells([5, 6, 40]) == ["5", "6", "40"]
